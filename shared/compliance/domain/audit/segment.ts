import { canonicalJson, sha256Hex } from '../../../platform/domain/canonical-json.js';
import { addDays, epochSeconds, type CalendarDate } from '../../../platform/domain/calendar-date.js';
import { GENESIS_HASH, type ChainedAuditEvent } from './chain.js';
import type { EventSource } from '../../schemas/audit.js';

/** Where a sealed run of a chain ends: the next segment must start right after it. */
export interface SealedHead {
  lastSeq: number;
  lastHash: string;
}

/** What the manifest records about one sealed segment (the object holds the events themselves). */
export interface SegmentSummary {
  chain: string;
  firstSeq: number;
  lastSeq: number;
  /** The `prevHash` of the first event: the last hash of the previous segment, or 64 zeros. */
  firstPrevHash: string;
  lastHash: string;
  firstAt: string;
  lastAt: string;
  eventCount: number;
  /** The UTC days, customers and products the events are about: where the segment is indexed for queries. */
  days: string[];
  customers: string[];
  products: string[];
}

export type SegmentPlan =
  | { kind: 'seal'; events: ChainedAuditEvent[]; summary: SegmentSummary }
  | { kind: 'nothing-to-seal' }
  | { kind: 'gap'; detail: string };

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** The object key of a segment: one object per chain and first position, so a rerun addresses the same object. */
export const segmentKey = (chain: string, firstSeq: number) => `audit-segments/${encodeURIComponent(chain)}/${String(firstSeq).padStart(12, '0')}.ndjson`;

/**
 * Chooses the events of a chain to seal: the contiguous run right after the
 * last sealed position, up to the newest event that happened before
 * `closeBefore` (events are appended in stream order, so their times rise
 * along the chain; a late one is sealed with its neighbours). The run must
 * link to the sealed head; a hole means events are missing and nothing is sealed.
 */
export function planSegment(chain: string, sealed: SealedHead | undefined, liveAfterSealed: readonly ChainedAuditEvent[], closeBefore: string): SegmentPlan {
  const expectedFirst = (sealed?.lastSeq ?? 0) + 1;
  const candidates = [...liveAfterSealed].filter((event) => event.seq >= expectedFirst).sort((a, b) => a.seq - b.seq);
  let lastIndex = -1;
  candidates.forEach((event, index) => {
    if (event.at < closeBefore) lastIndex = index;
  });
  if (lastIndex < 0) return { kind: 'nothing-to-seal' };
  const events = candidates.slice(0, lastIndex + 1);
  const first = events[0]!;
  if (first.seq !== expectedFirst)
    return { kind: 'gap', detail: `chain ${chain}: the next event to seal is seq ${expectedFirst}, the live table starts at ${first.seq}` };
  const expectedPrev = sealed?.lastHash ?? GENESIS_HASH;
  if (first.prevHash !== expectedPrev)
    return { kind: 'gap', detail: `chain ${chain}: event ${first.seq} does not link to the sealed head ${sealed?.lastSeq ?? 0}` };
  for (let index = 1; index < events.length; index += 1) {
    if (events[index]!.seq !== events[index - 1]!.seq + 1) return { kind: 'gap', detail: `chain ${chain}: seq ${events[index - 1]!.seq + 1} is missing` };
  }
  const last = events.at(-1)!;
  const times = events.map((event) => event.at).sort();
  return {
    kind: 'seal',
    events,
    summary: {
      chain,
      firstSeq: first.seq,
      lastSeq: last.seq,
      firstPrevHash: first.prevHash,
      lastHash: last.hash,
      firstAt: times[0]!,
      lastAt: times.at(-1)!,
      eventCount: events.length,
      days: sorted(events.map((event) => event.at.slice(0, 10))),
      customers: sorted(events.flatMap((event) => (event.refs.customerId ? [event.refs.customerId] : []))),
      products: sorted(events.flatMap((event) => (event.refs.gtin ? [event.refs.gtin] : []))),
    },
  };
}

/**
 * The segment's bytes: one event per line as canonical JSON (keys sorted, no
 * whitespace), oldest first, each line ended by "\n". The same events always
 * give the same bytes, so a rerun writes an identical object and its hash can
 * be recomputed from the events years later.
 */
export function segmentBody(events: readonly ChainedAuditEvent[]): string {
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((event) => `${canonicalJson(event)}\n`)
    .join('');
}

export const segmentSha256 = (events: readonly ChainedAuditEvent[]) => sha256Hex(segmentBody(events));

/** The lines of a segment object, not yet validated (each is parsed against the event schema by the caller). */
export function segmentLines(body: string): unknown[] {
  return body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export interface ManifestLink {
  chain: string;
  firstSeq: number;
  lastSeq: number;
  firstPrevHash: string;
  lastHash: string;
}

export interface SegmentContinuity {
  continuous: boolean;
  /** The first segment that does not follow the one before it. */
  problem?: { firstSeq: number; detail: string };
}

/** Segments of one chain must tile it from seq 1: each starts right after the previous one and links to its last hash. */
export function checkSegmentContinuity(manifests: readonly ManifestLink[]): SegmentContinuity {
  let previous: SealedHead = { lastSeq: 0, lastHash: GENESIS_HASH };
  for (const segment of [...manifests].sort((a, b) => a.firstSeq - b.firstSeq)) {
    if (segment.firstSeq !== previous.lastSeq + 1) {
      return {
        continuous: false,
        problem: { firstSeq: segment.firstSeq, detail: `segment ${segment.firstSeq}..${segment.lastSeq} does not start right after seq ${previous.lastSeq}` },
      };
    }
    if (segment.firstPrevHash !== previous.lastHash) {
      return {
        continuous: false,
        problem: {
          firstSeq: segment.firstSeq,
          detail: `segment ${segment.firstSeq}..${segment.lastSeq} does not link to the last hash of the segment before it`,
        },
      };
    }
    previous = { lastSeq: segment.lastSeq, lastHash: segment.lastHash };
  }
  return { continuous: true };
}

/**
 * Which UTC days are due for sealing: every day after the last sealed one
 * (or `firstDay`) whose end lies at least `graceMs` in the past, so that
 * events delivered late by the table stream have been appended. At most
 * `maxDays` per run; the rest follows on the next run.
 */
export function daysDueForSealing(lastSealed: CalendarDate | undefined, firstDay: CalendarDate, now: Date, graceMs: number, maxDays: number): CalendarDate[] {
  const due: CalendarDate[] = [];
  for (let day = lastSealed ? addDays(lastSealed, 1) : firstDay; due.length < maxDays; day = addDays(day, 1)) {
    const end = Date.parse(`${addDays(day, 1)}T00:00:00.000Z`);
    if (end + graceMs > now.getTime()) break;
    due.push(day);
  }
  return due;
}

/** The TTL of a live audit event (epoch seconds): its time plus the live window. */
export const liveExpiryOf = (at: string, liveDays: number): number => epochSeconds(at) + liveDays * 86_400;

/**
 * Live and archived copies of the same events merged into one timeline: an
 * event is identified by its chain and position (its event id is unique too),
 * the live copy wins when both exist, and each says where it came from.
 */
export function mergeSources<E extends { chain: string; seq: number; at: string }>(
  live: readonly E[],
  archived: readonly E[],
): (E & { source: EventSource })[] {
  const merged = new Map<string, E & { source: EventSource }>();
  for (const event of archived) merged.set(`${event.chain}\u0000${event.seq}`, { ...event, source: 'archive' });
  for (const event of live) merged.set(`${event.chain}\u0000${event.seq}`, { ...event, source: 'live' });
  return [...merged.values()].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.chain !== b.chain ? (a.chain < b.chain ? -1 : 1) : a.seq - b.seq));
}
