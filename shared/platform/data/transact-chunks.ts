import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { backoffDelay, CONTENTION_BACKOFF } from '../domain/backoff.js';
import { chunks, MAX_TRANSACTION_ITEMS } from '../domain/transaction-items.js';
import { cancellationCodes } from './errors.js';
import { mapLimited } from './parallel.js';
import type { TransactionItem } from './transaction.js';

/** Chunk transactions in flight at once. */
const CHUNKS_IN_FLIGHT = 4;
/** Attempts of a chunk cancelled only because another transaction held one of its items. */
const CONFLICT_ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ChunkOutcome<T> {
  /** Items whose own condition failed. */
  refused: T[];
  /** Items not written: those of chunks cancelled by a refusal (mode `collect`), or never tried (`stop`). */
  unwritten: T[];
  /** Mode `stop`: a chunk lost to another transaction holding one of its items (a race, like a refusal). */
  conflicted: boolean;
}

/**
 * Writes many conditional items as transactions of up to 100 (each chunk all
 * or nothing): a few requests instead of one per item, and a crash leaves
 * whole chunks. A chunk cancelled only by a conflict with another transaction
 * is retried with backoff. What a refused item means is the caller's:
 * - `skip`: the refused items are left out and the rest of the chunk written
 *   (publishing or freeing serials that may already be done);
 * - `collect`: every chunk is tried, the refused items are reported
 *   (a receipt names every serial another receipt holds);
 * - `stop`: no new chunk starts after a refusal or a conflict (a claim that
 *   will be undone and retried by its caller).
 */
export async function transactChunks<T>(
  items: readonly T[],
  toWrite: (item: T) => TransactionItem,
  mode: 'skip' | 'collect' | 'stop',
): Promise<ChunkOutcome<T>> {
  const outcome: ChunkOutcome<T> = { refused: [], unwritten: [], conflicted: false };
  let stopped = false;
  await mapLimited(chunks(items, MAX_TRANSACTION_ITEMS), CHUNKS_IN_FLIGHT, async (chunk) => {
    if (stopped) {
      outcome.unwritten.push(...chunk);
      return;
    }
    let pending = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        await execute(...pending.map(toWrite));
        return;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        const refused = pending.filter((_, index) => codes[index] === 'ConditionalCheckFailed');
        if (refused.length === 0) {
          if (!codes.includes('TransactionConflict')) throw error;
          if (mode === 'stop') {
            outcome.conflicted = stopped = true;
            outcome.unwritten.push(...pending);
            return;
          }
          if (attempt + 1 >= CONFLICT_ATTEMPTS) throw error;
          await sleep(backoffDelay(attempt, CONTENTION_BACKOFF, Math.random()));
          continue;
        }
        outcome.refused.push(...refused);
        if (mode === 'skip') {
          pending = pending.filter((item) => !refused.includes(item));
          continue;
        }
        outcome.unwritten.push(...pending);
        if (mode === 'stop') stopped = true;
        return;
      }
    }
  });
  return outcome;
}
