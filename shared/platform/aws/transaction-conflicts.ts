import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface ConflictRetries {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** The cap of the first back-off; each retry doubles it, and the wait is a random share of the cap (full jitter). */
  baseDelayMs: number;
}

/** Twelve tries over at most about two seconds: a transaction holds its items for milliseconds. */
export const DEFAULT_CONFLICT_RETRIES: ConflictRetries = { maxAttempts: 12, baseDelayMs: 10 };

const MAX_DELAY_MS = 500;

/**
 * A single-item request on an item that another request's transaction is
 * writing fails with TransactionConflictException. DynamoDB documents it as
 * safe to retry, but the SDK's standard retry does not count it as retryable,
 * so without this a signer's attempt counter, a stock release or any other
 * plain write answers 500 for meeting a transaction in flight. Transactions
 * themselves fail with TransactionCanceledException instead, which callers
 * read reason by reason, so they are not touched here.
 */
export function retryTransactionConflicts(
  client: DynamoDBClient,
  retries: ConflictRetries = DEFAULT_CONFLICT_RETRIES,
  random: () => number = Math.random,
): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await next(args);
        } catch (error) {
          if (!(error instanceof Error) || error.name !== 'TransactionConflictException' || attempt >= retries.maxAttempts) throw error;
          const cap = Math.min(MAX_DELAY_MS, retries.baseDelayMs * 2 ** (attempt - 1));
          await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * cap)));
        }
      }
    },
    { step: 'initialize', name: 'retryTransactionConflicts' },
  );
}
