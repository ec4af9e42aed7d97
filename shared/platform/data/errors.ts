import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** The reasons DynamoDB gives for each item of a cancelled transaction, in request order. */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Another writer changed the record between our read and our write. */
export class ConcurrentModificationError extends Error {
  override name = 'ConcurrentModificationError';
}

/**
 * Runs a conditional write and says whether its condition held: true when it
 * was written, false when the condition refused it (the item was not in the
 * state the caller expected, or was already there). Any other error is thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
