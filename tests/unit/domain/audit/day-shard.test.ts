import { describe, expect, it } from 'vitest';
import { byTime, dayKey, dayKeysOf, dayShardOf, utcDaysBetween } from '../../../../shared/compliance/domain/audit/day-shard.js';

describe('given the sharded by-day index', () => {
  it('when a chain is placed, then it always gets the same shard, within 0..n-1', () => {
    for (const chain of ['ORDER#ORD-1', 'LOT#05012345678900#L1', 'ACCESS#user:compliance1', 'CHECKPOINTS']) {
      const shard = dayShardOf(chain, 8);
      expect(shard).toBe(dayShardOf(chain, 8));
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(8);
    }
  });

  it('when many chains are placed, then every shard gets a fair share', () => {
    const counts = new Array<number>(8).fill(0);
    for (let n = 0; n < 8_000; n += 1) counts[dayShardOf(`ORDER#ORD-${n}`, 8)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });

  it('when there is one shard, then every chain is on shard 0; a shard count below 1 is refused', () => {
    expect(dayShardOf('ORDER#ORD-1', 1)).toBe(0);
    expect(() => dayShardOf('ORDER#ORD-1', 0)).toThrow(/shards/);
  });

  it('when a day is read, then every shard key of the day is queried', () => {
    expect(dayKey('2026-11-25', 3)).toBe('2026-11-25#3');
    expect(dayKeysOf('2026-11-25', 4)).toEqual(['2026-11-25#0', '2026-11-25#1', '2026-11-25#2', '2026-11-25#3']);
  });

  it('when an interval crosses midnight and a month end, then each UTC day it touches is listed once', () => {
    expect([...utcDaysBetween('2026-11-29T23:00:00.000Z', '2026-12-01T00:00:00.000Z')]).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
  });

  it('when shards are merged, then events come in time order, ties by chain and position', () => {
    const events = [
      { at: '2026-11-25T10:00:00.000Z', chain: 'B', seq: 1 },
      { at: '2026-11-25T09:00:00.000Z', chain: 'Z', seq: 9 },
      { at: '2026-11-25T10:00:00.000Z', chain: 'A', seq: 2 },
      { at: '2026-11-25T10:00:00.000Z', chain: 'A', seq: 1 },
    ];
    expect([...events].sort(byTime).map((event) => `${event.chain}${event.seq}`)).toEqual(['Z9', 'A1', 'A2', 'B1']);
  });
});
