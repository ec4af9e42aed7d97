import { marshall } from '@aws-sdk/util-dynamodb';

/**
 * Counts the DynamoDB requests this test process makes (and the items
 * transactions write), to report what a large receipt or allocation costs.
 * The emulator bills every request one flat unit, so units are derived from
 * these counts and the item sizes (itemBytes) by DynamoDB's rules.
 */
export interface RequestTally {
  requests: Record<string, number>;
  transactionItems: number;
  stop: () => void;
}

export async function tallyDynamoDbRequests(): Promise<RequestTally> {
  const { dynamoDbClient } = await import('../../shared/platform/aws/dynamodb.js');
  const tally: RequestTally = { requests: {}, transactionItems: 0, stop: () => dynamoDbClient.middlewareStack.remove(name) };
  const name = `tally-${Math.random().toString(36).slice(2)}`;
  dynamoDbClient.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      tally.requests[command] = (tally.requests[command] ?? 0) + 1;
      const input = args.input as { TransactItems?: unknown[] };
      if (command === 'TransactWriteItemsCommand') tally.transactionItems += input.TransactItems?.length ?? 0;
      return next(args);
    },
    { step: 'initialize', name },
  );
  return tally;
}

/** DynamoDB's size of an item: attribute names plus values (UTF-8 strings, numbers about 1 byte per 2 digits + 1). */
export function itemBytes(item: Record<string, unknown>): number {
  const size = (value: unknown): number => {
    if (value === null || value === undefined) return 1;
    if (typeof value === 'string') return Buffer.byteLength(value);
    if (typeof value === 'number') return Math.ceil(String(value).replace(/[-.]/g, '').length / 2) + 1;
    if (typeof value === 'boolean') return 1;
    if (value instanceof Set) return [...value].reduce((sum: number, entry) => sum + size(entry), 0);
    if (Array.isArray(value)) return 3 + value.reduce((sum: number, entry) => sum + 1 + size(entry), 0);
    if (typeof value === 'object') return 3 + Object.entries(value).reduce((sum, [key, entry]) => sum + 1 + Buffer.byteLength(key) + size(entry), 0);
    return 0;
  };
  const marshalled = marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true });
  return Object.keys(marshalled).reduce((sum, key) => sum + Buffer.byteLength(key) + size(item[key]), 0);
}
