import { execute, type ExecuteTransactWriteInput } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { cancellationCodes } from './errors.js';

/** One write (put, update, delete or condition check) of a transaction. */
export type TransactionItem = Exclude<ExecuteTransactWriteInput[number], { capacity?: unknown } & { entity?: never }>;

/**
 * The items of one transaction by name: an item, a group of like items (one
 * per lot, per claim...), or undefined for an item this transaction leaves out.
 */
export type NamedItems = Record<string, TransactionItem | readonly TransactionItem[] | undefined>;

/** Why DynamoDB cancelled each named item ('None' for an item that was fine); a group has one reason per item. */
export type CancellationReasons<T extends NamedItems> = {
  [K in keyof T]: T[K] extends readonly TransactionItem[] ? string[] : undefined extends T[K] ? string | undefined : string;
};

const isGroup = (slot: TransactionItem | readonly TransactionItem[]): slot is readonly TransactionItem[] => Array.isArray(slot);

/**
 * Writes the named items as one transaction, all or nothing. Read a
 * cancellation with cancellationReasons(error, items) and the same record:
 * the reasons come back under the items' names, not their positions.
 */
export async function executeNamed(items: NamedItems): Promise<void> {
  const writes = Object.values(items).flatMap((slot) => (slot === undefined ? [] : isGroup(slot) ? [...slot] : [slot]));
  await execute(...writes);
}

/** The reasons of a transaction cancelled in executeNamed(items), by item name; undefined for any other error. */
export function cancellationReasons<T extends NamedItems>(error: unknown, items: T): CancellationReasons<T> | undefined {
  const codes = cancellationCodes(error);
  if (!codes) return undefined;
  let next = 0;
  const reasons: Record<string, string | string[]> = {};
  for (const [name, slot] of Object.entries(items)) {
    if (slot === undefined) continue;
    if (isGroup(slot)) {
      reasons[name] = slot.map((_, index) => codes[next + index] ?? 'None');
      next += slot.length;
    } else {
      reasons[name] = codes[next++] ?? 'None';
    }
  }
  return reasons as CancellationReasons<T>;
}
