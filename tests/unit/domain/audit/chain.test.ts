import { describe, expect, it } from 'vitest';
import {
  chainEvent,
  checkChain,
  GENESIS_HASH,
  hashOf,
  type AuditEventContent,
  type ChainedAuditEvent,
} from '../../../../shared/compliance/domain/audit/chain.js';

const content = (n: number, overrides: Partial<AuditEventContent> = {}): AuditEventContent => ({
  eventId: `AE-${n}`,
  at: `2026-11-25T12:00:${String(n).padStart(2, '0')}.000Z`,
  action: n === 1 ? 'INSERT' : 'MODIFY',
  entityType: 'Order',
  entityKey: 'ORDER#ORD-1|ORDER',
  version: n,
  actor: 'system:workflow',
  ...(n === 1 ? { after: { status: 'RECEIVED', total: '10.00' } } : { changes: [{ field: 'version', before: n - 1, after: n }] }),
  refs: { orderId: 'ORD-1', customerId: 'CUST-1' },
  sourceId: `stream-${n}`,
  ...overrides,
});

function chainOf(length: number): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  for (let n = 1; n <= length; n += 1) events.push(chainEvent('ORDER#ORD-1', events.at(-1), content(n)));
  return events;
}

describe('given a new chain', () => {
  it('when the first event is appended, then it is at seq 1 and links to the genesis hash', () => {
    const [first] = chainOf(1);
    expect(first).toMatchObject({ chain: 'ORDER#ORD-1', seq: 1, prevHash: GENESIS_HASH });
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when more events are appended, then each links to the hash of the one before it', () => {
    const events = chainOf(3);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
  });

  it('when the same content is chained twice at the same place, then the hash is the same (canonical serialization)', () => {
    const reordered = Object.fromEntries(Object.entries(content(1)).reverse()) as unknown as AuditEventContent;
    expect(chainEvent('C', undefined, content(1)).hash).toBe(chainEvent('C', undefined, reordered).hash);
  });

  it('when the same content is chained on another chain or position, then the hash differs', () => {
    const here = chainEvent('C', undefined, content(1)).hash;
    expect(chainEvent('D', undefined, content(1)).hash).not.toBe(here);
    expect(chainEvent('C', { seq: 1, hash: GENESIS_HASH }, content(1)).hash).not.toBe(here);
  });
});

describe('given an untouched chain', () => {
  it('when checked, then it is intact with every event counted and its head reported', () => {
    const events = chainOf(4);
    expect(checkChain(events)).toEqual({ intact: true, checkedEvents: 4, head: { seq: 4, hash: events[3]!.hash } });
  });

  it('when checked in the order a store returned it (any order), then it is still intact', () => {
    expect(checkChain([...chainOf(4)].reverse()).intact).toBe(true);
  });

  it('when checked against the head a checkpoint signed, then it is intact, also when events were appended after the checkpoint', () => {
    const events = chainOf(5);
    expect(checkChain(events, { seq: 3, hash: events[2]!.hash }).intact).toBe(true);
  });

  it('when the chain is empty and nothing was signed, then it is intact with no events', () => {
    expect(checkChain([])).toEqual({ intact: true, checkedEvents: 0 });
  });
});

describe('given a tampered chain', () => {
  it('when an event content was changed in place, then verify names that event as a hash mismatch', () => {
    const events = chainOf(4);
    events[2] = { ...events[2]!, actor: 'user:mallory' };
    expect(checkChain(events).firstBrokenEvent).toMatchObject({ problem: 'HASH_MISMATCH', seq: 3, eventId: 'AE-3' });
  });

  it('when a nested value was changed, then the hash mismatch is found', () => {
    const events = chainOf(2);
    events[0] = { ...events[0]!, after: { status: 'RECEIVED', total: '1.00' } };
    expect(checkChain(events)).toMatchObject({ intact: false, firstBrokenEvent: { problem: 'HASH_MISMATCH', eventId: 'AE-1' } });
  });

  it('when an event was changed and its hash recomputed, then the next event no longer links to it', () => {
    const events = chainOf(4);
    const { hash: _hash, ...forged } = { ...events[1]!, reason: 'forged' };
    events[1] = { ...forged, hash: hashOf(forged) };
    expect(checkChain(events).firstBrokenEvent).toMatchObject({ problem: 'LINK_MISMATCH', seq: 3, eventId: 'AE-3' });
  });

  it('when an event in the middle was deleted, then verify reports a sequence gap at the missing position', () => {
    const events = chainOf(5).filter((event) => event.seq !== 3);
    expect(checkChain(events).firstBrokenEvent).toMatchObject({ problem: 'SEQUENCE_GAP', seq: 3, eventId: 'AE-4' });
  });

  it('when the first event was deleted, then the gap is at seq 1', () => {
    expect(checkChain(chainOf(3).slice(1)).firstBrokenEvent).toMatchObject({ problem: 'SEQUENCE_GAP', seq: 1 });
  });

  it('when the tail was deleted after a checkpoint signed it, then verify reports the chain truncated', () => {
    const events = chainOf(5);
    const signed = { seq: 5, hash: events[4]!.hash };
    expect(checkChain(events.slice(0, 3), signed)).toMatchObject({ intact: false, firstBrokenEvent: { problem: 'TRUNCATED', seq: 4 } });
  });

  it('when the whole chain was rewritten consistently, then only the signed checkpoint exposes it', () => {
    const original = chainOf(3);
    const rewritten: ChainedAuditEvent[] = [];
    for (let n = 1; n <= 3; n += 1) rewritten.push(chainEvent('ORDER#ORD-1', rewritten.at(-1), content(n, { actor: 'user:mallory' })));
    expect(checkChain(rewritten).intact).toBe(true);
    expect(checkChain(rewritten, { seq: 3, hash: original[2]!.hash }).firstBrokenEvent).toMatchObject({
      problem: 'CHECKPOINT_MISMATCH',
      seq: 3,
      eventId: 'AE-3',
    });
  });

  it('when one position is stored twice, then verify reports it', () => {
    const events = chainOf(3);
    expect(checkChain([...events, events[1]!]).firstBrokenEvent).toMatchObject({ problem: 'SEQUENCE_GAP' });
  });
});
