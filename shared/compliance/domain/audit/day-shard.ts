import { createHash } from 'node:crypto';

/**
 * The by-day index key is split into shards so that one UTC day's events are
 * spread over several index partitions (each takes about 1,000 writes per
 * second). The shard follows the chain, so a chain's events of one day stay
 * on one shard in order; a day is read by querying every shard in parallel.
 */
export function dayShardOf(chain: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`shards must be a whole number >= 1, got ${shards}`);
  return createHash('sha256').update(chain).digest().readUInt32BE(0) % shards;
}

export const dayKey = (day: string, shard: number) => `${day}#${shard}`;

/** Every index partition of one UTC day. */
export const dayKeysOf = (day: string, shards: number): string[] => Array.from({ length: shards }, (_, shard) => dayKey(day, shard));

/** The UTC days an interval touches, oldest first (both ends included). */
export function* utcDaysBetween(from: string, to: string): Generator<string> {
  const end = Date.parse(to);
  for (let day = Date.parse(from.slice(0, 10)); day <= end; day += 86_400_000) yield new Date(day).toISOString().slice(0, 10);
}

interface Timed {
  at: string;
  chain: string;
  seq: number;
}

/** The order of the by-day index (`{at}#{chain}#{seq}`), used to merge shards and sources into one timeline. */
export function byTime(a: Timed, b: Timed): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.chain !== b.chain) return a.chain < b.chain ? -1 : 1;
  return a.seq - b.seq;
}
