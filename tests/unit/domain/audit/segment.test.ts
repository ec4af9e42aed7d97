import { describe, expect, it } from 'vitest';
import { chainEvent, GENESIS_HASH, type ChainedAuditEvent } from '../../../../shared/compliance/domain/audit/chain.js';
import {
  checkSegmentContinuity,
  daysDueForSealing,
  liveExpiryOf,
  mergeSources,
  planSegment,
  segmentBody,
  segmentKey,
  segmentLines,
  segmentSha256,
} from '../../../../shared/compliance/domain/audit/segment.js';

function chainOf(chain: string, times: string[]): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  for (const [index, at] of times.entries()) {
    const head = events.at(-1);
    events.push(
      chainEvent(chain, head ? { seq: head.seq, hash: head.hash } : undefined, {
        eventId: `AE-${chain}-${index}`,
        at,
        action: 'INSERT',
        entityType: 'Order',
        entityKey: `${chain}|ORDER`,
        actor: 'client:portal',
        after: { amount: '10.00', status: 'RECEIVED', nested: { b: 1, a: 2 } },
        refs: { orderId: chain.slice(6), customerId: index % 2 ? 'CUST-B' : 'CUST-A', gtin: '05012345678900' },
        sourceId: `src-${chain}-${index}`,
      }),
    );
  }
  return events;
}

const day1 = ['2026-11-20T10:00:00.000Z', '2026-11-20T23:59:59.999Z'];
const day2 = ['2026-11-21T00:00:00.000Z', '2026-11-21T08:00:00.000Z'];

describe('given a chain with events over two UTC days', () => {
  const events = chainOf('ORDER#ORD-1', [...day1, ...day2]);

  it('when the first day is sealed, then the segment holds exactly that day, from seq 1 linking to the genesis hash', () => {
    const plan = planSegment('ORDER#ORD-1', undefined, events, '2026-11-21T00:00:00.000Z');
    expect(plan.kind).toBe('seal');
    if (plan.kind !== 'seal') return;
    expect(plan.events.map((event) => event.seq)).toEqual([1, 2]);
    expect(plan.summary).toMatchObject({
      firstSeq: 1,
      lastSeq: 2,
      firstPrevHash: GENESIS_HASH,
      lastHash: events[1]!.hash,
      eventCount: 2,
      days: ['2026-11-20'],
    });
    expect(plan.summary.customers).toEqual(['CUST-A', 'CUST-B']);
    expect(plan.summary.products).toEqual(['05012345678900']);
  });

  it('when the next day is sealed after it, then its segment starts right after and links to the last sealed hash', () => {
    const plan = planSegment('ORDER#ORD-1', { lastSeq: 2, lastHash: events[1]!.hash }, events.slice(2), '2026-11-22T00:00:00.000Z');
    expect(plan.kind === 'seal' && plan.summary).toMatchObject({ firstSeq: 3, lastSeq: 4, firstPrevHash: events[1]!.hash });
  });

  it('when nothing happened before the close, then there is nothing to seal', () => {
    expect(planSegment('ORDER#ORD-1', { lastSeq: 4, lastHash: events[3]!.hash }, [], '2026-11-22T00:00:00.000Z')).toEqual({ kind: 'nothing-to-seal' });
    expect(planSegment('ORDER#ORD-1', undefined, events, '2026-11-20T00:00:00.000Z')).toEqual({ kind: 'nothing-to-seal' });
  });

  it('when the first unsealed events are missing from the live table, then nothing is sealed and the gap is named', () => {
    const plan = planSegment('ORDER#ORD-1', undefined, events.slice(1), '2026-11-22T00:00:00.000Z');
    expect(plan).toEqual({ kind: 'gap', detail: expect.stringContaining('seq 1') });
  });

  it('when an event in the middle is missing, then nothing is sealed', () => {
    const plan = planSegment('ORDER#ORD-1', undefined, [events[0]!, events[2]!], '2026-11-22T00:00:00.000Z');
    expect(plan.kind).toBe('gap');
  });

  it('when the live events do not link to the sealed head, then nothing is sealed', () => {
    const plan = planSegment('ORDER#ORD-1', { lastSeq: 2, lastHash: 'f'.repeat(64) }, events.slice(2), '2026-11-22T00:00:00.000Z');
    expect(plan.kind).toBe('gap');
  });

  it('when an event of the earlier day arrives late between later ones, then it is sealed with its neighbours and the run stays contiguous', () => {
    const late = chainOf('ORDER#ORD-2', ['2026-11-20T10:00:00.000Z', '2026-11-21T01:00:00.000Z', '2026-11-20T23:00:00.000Z', '2026-11-21T02:00:00.000Z']);
    const plan = planSegment('ORDER#ORD-2', undefined, late, '2026-11-21T00:00:00.000Z');
    expect(plan.kind === 'seal' && plan.events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(plan.kind === 'seal' && plan.summary.days).toEqual(['2026-11-20', '2026-11-21']);
  });
});

describe('given the canonical form of a segment', () => {
  const events = chainOf('LOT#05012345678900#L1', day1);

  it('when built twice, in any order, then the bytes and their SHA-256 are the same', () => {
    expect(segmentBody([...events].reverse())).toBe(segmentBody(events));
    expect(segmentSha256(events)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when written, then it is one canonical JSON object per line with sorted keys, each line ended by a newline, and reads back equal', () => {
    const body = segmentBody(events);
    expect(body.endsWith('\n')).toBe(true);
    expect(body.split('\n')).toHaveLength(3);
    expect(body).toContain('"nested":{"a":2,"b":1}');
    expect(segmentLines(body)).toEqual(events);
  });

  it('when keyed, then the chain is encoded so that "#" and "/" in it stay one path segment, and the position is zero-padded', () => {
    expect(segmentKey('ACCESS#user:a/b', 7)).toBe('audit-segments/ACCESS%23user%3Aa%2Fb/000000000007.ndjson');
  });
});

describe('given segment manifests of one chain', () => {
  const events = chainOf('ORDER#ORD-3', [...day1, ...day2]);
  const link = (first: number, last: number) => ({
    chain: 'ORDER#ORD-3',
    firstSeq: first,
    lastSeq: last,
    firstPrevHash: events[first - 1]!.prevHash,
    lastHash: events[last - 1]!.hash,
  });

  it('when they tile the chain from seq 1 and each links to the one before, then they are continuous', () => {
    expect(checkSegmentContinuity([link(3, 4), link(1, 2)])).toEqual({ continuous: true });
  });

  it('when a segment is missing, then the first one after the hole is named', () => {
    expect(checkSegmentContinuity([link(1, 1), link(3, 4)])).toMatchObject({ continuous: false, problem: { firstSeq: 3 } });
  });

  it('when a segment links to another hash than its predecessor ended with, then it is named', () => {
    expect(checkSegmentContinuity([link(1, 2), { ...link(3, 4), firstPrevHash: GENESIS_HASH }])).toMatchObject({ continuous: false, problem: { firstSeq: 3 } });
  });

  it('when the first segment does not start at seq 1, then it is named', () => {
    expect(checkSegmentContinuity([link(2, 4)])).toMatchObject({ continuous: false, problem: { firstSeq: 2 } });
  });
});

describe('given the sealing schedule', () => {
  const grace = 25 * 3_600_000;

  it('when a day ended less than the grace ago, then it is not due yet', () => {
    expect(daysDueForSealing('2026-11-23', '2026-10-01', new Date('2026-11-25T00:30:00.000Z'), grace, 3)).toEqual([]);
  });

  it('when several days are due, then they come oldest first, at most the maximum per run', () => {
    expect(daysDueForSealing('2026-11-18', '2026-10-01', new Date('2026-11-25T12:00:00.000Z'), grace, 3)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21']);
    expect(daysDueForSealing('2026-11-18', '2026-10-01', new Date('2026-11-25T12:00:00.000Z'), grace, 100)).toHaveLength(5);
  });

  it('when nothing was sealed yet, then sealing starts at the first day given', () => {
    expect(daysDueForSealing(undefined, '2026-11-22', new Date('2026-11-25T12:00:00.000Z'), grace, 10)).toEqual(['2026-11-22', '2026-11-23']);
  });

  it('when an event is written, then its TTL is its time plus the live window, in epoch seconds', () => {
    expect(liveExpiryOf('2026-01-01T00:00:00.500Z', 400)).toBe(Date.parse('2027-02-05T00:00:00.000Z') / 1000);
  });
});

describe('given live and archived copies of a chain', () => {
  const events = chainOf('ORDER#ORD-4', [...day1, ...day2]);

  it('when merged, then each event appears once, live copies win, each names its source, in time order', () => {
    const merged = mergeSources(events.slice(2), events.slice(0, 3));
    expect(merged.map((event) => [event.seq, event.source])).toEqual([
      [1, 'archive'],
      [2, 'archive'],
      [3, 'live'],
      [4, 'live'],
    ]);
  });

  it('when two chains are merged, then the timeline interleaves them by time, then chain, then position', () => {
    const other = chainOf('ORDER#ORD-0', ['2026-11-20T10:00:00.000Z', '2026-11-21T00:00:00.000Z']);
    const merged = mergeSources(events, other);
    expect(merged.map((event) => `${event.chain}/${event.seq}`)).toEqual([
      'ORDER#ORD-0/1',
      'ORDER#ORD-4/1',
      'ORDER#ORD-4/2',
      'ORDER#ORD-0/2',
      'ORDER#ORD-4/3',
      'ORDER#ORD-4/4',
    ]);
  });
});
