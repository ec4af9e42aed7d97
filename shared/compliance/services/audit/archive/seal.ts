import { addDays, addYears, utcDateOf, type CalendarDate } from '../../../../platform/domain/calendar-date.js';
import { planSegment, segmentBody, segmentKey, daysDueForSealing } from '../../../domain/audit/segment.js';
import { chainEventsAfter, eventsByIndex } from '../../../data/audit/audit-repository.js';
import { auditLayout } from '../../../data/audit/audit-table.js';
import { dayKeysOf } from '../../../domain/audit/day-shard.js';
import {
  lastSealedDay,
  latestSegment,
  markDaySealed,
  putSegmentManifest,
  putSegmentRefs,
  type SegmentManifest,
} from '../../../data/audit/segment-repository.js';
import { writeSignedDocument, type ArchiveTarget } from '../../archive/signed-document.js';

export interface SealSettings extends ArchiveTarget {
  /** COMPLIANCE retention of every segment, in years (already at least the bucket default). */
  retentionYears: number;
}

/** Stream records are delivered for at most a day (the consumer's maximum record age): a day is sealed once that has passed. */
export const SEAL_GRACE_MS = 25 * 3_600_000;
/** With nothing sealed yet, the first run goes back this far. */
const FIRST_LOOKBACK_DAYS = 31;
/** Days sealed per run, so one run stays well inside the function's timeout; the next run goes on. */
const MAX_DAYS_PER_RUN = 3;
/** Chains sealed side by side. */
const CONCURRENCY = 8;

export type ChainSealing = { kind: 'sealed'; manifest: SegmentManifest } | { kind: 'nothing-to-seal' } | { kind: 'gap'; detail: string };

/**
 * Seals the unsealed events of one chain that happened before `closeBefore`
 * into one signed segment object (canonical NDJSON + detached KMS signature,
 * COMPLIANCE retention) and records its manifest, conditional on no segment
 * of the chain starting at that position. Rerunning it seals nothing twice:
 * the manifest marks where the sealed part ends, and the object's bytes are
 * a function of the events alone.
 */
export async function sealChain(chain: string, closeBefore: string, period: string, settings: SealSettings, now = new Date()): Promise<ChainSealing> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const sealed = await latestSegment(chain);
    const live = await chainEventsAfter(chain, sealed?.lastSeq ?? 0);
    const plan = planSegment(chain, sealed ? { lastSeq: sealed.lastSeq, lastHash: sealed.lastHash } : undefined, live, closeBefore);
    if (plan.kind === 'gap') return plan;
    if (plan.kind === 'nothing-to-seal') {
      // A rerun of the same period: file the latest segment again, in case the run before stopped between its manifest and its refs.
      if (sealed?.period === period) await putSegmentRefs(sealed);
      return plan;
    }
    const retainUntil: CalendarDate = addYears(utcDateOf(now), settings.retentionYears);
    const stored = await writeSignedDocument(
      settings,
      { key: segmentKey(chain, plan.summary.firstSeq), body: segmentBody(plan.events), contentType: 'application/x-ndjson' },
      retainUntil,
      now,
    );
    const manifest: SegmentManifest = {
      ...plan.summary,
      period,
      key: stored.key,
      versionId: stored.versionId,
      sha256: stored.sha256,
      signatureKey: stored.signatureKey,
      signatureVersionId: stored.signatureVersionId,
      retainUntil,
      sealedAt: now.toISOString(),
    };
    if (await putSegmentManifest(manifest)) {
      await putSegmentRefs(manifest);
      return { kind: 'sealed', manifest };
    }
  }
  throw new Error(`could not seal chain ${chain}: other sealers kept winning`);
}

/** Every chain that has events on a UTC day, from all shards of the by-day index. */
async function chainsOf(day: string): Promise<string[]> {
  const chains = new Set<string>();
  await Promise.all(
    dayKeysOf(day, auditLayout.dayShards).map(async (partition) => {
      const { events } = await eventsByIndex('ByDay', partition, `${day}T00:00:00.000Z`, `${day}T23:59:59.999Z`, Number.MAX_SAFE_INTEGER);
      for (const event of events) chains.add(event.chain);
    }),
  );
  return [...chains].sort();
}

export interface DaySealing {
  day: string;
  chains: number;
  segments: number;
  events: number;
  gaps: string[];
}

/** Seals every chain with events on a UTC day, up to the end of that day, then marks the day sealed. */
export async function sealDay(day: CalendarDate, settings: SealSettings, now = new Date()): Promise<DaySealing> {
  const chains = await chainsOf(day);
  const closeBefore = `${addDays(day, 1)}T00:00:00.000Z`;
  const result: DaySealing = { day, chains: chains.length, segments: 0, events: 0, gaps: [] };
  const queue = [...chains];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) {
        const outcome = await sealChain(chain, closeBefore, day, settings, now);
        if (outcome.kind === 'sealed') {
          result.segments += 1;
          result.events += outcome.manifest.eventCount;
        } else if (outcome.kind === 'gap') {
          result.gaps.push(outcome.detail);
        }
      }
    }),
  );
  await markDaySealed(day, { chains: result.chains, segments: result.segments, events: result.events }, now.toISOString());
  return result;
}

export interface SealingRun {
  days: DaySealing[];
  /** Whole days between the last day sealed and the last day due, after this run (0 when caught up). */
  daysBehind: number;
}

/** The scheduled job: seals the closed days not sealed yet, oldest first, a few per run. */
export async function sealClosedDays(settings: SealSettings, now = new Date()): Promise<SealingRun> {
  const lastSealed = await lastSealedDay();
  const firstDay = addDays(utcDateOf(now), -FIRST_LOOKBACK_DAYS);
  const due = daysDueForSealing(lastSealed, firstDay, now, SEAL_GRACE_MS, MAX_DAYS_PER_RUN);
  const days: DaySealing[] = [];
  for (const day of due) days.push(await sealDay(day, settings, now));
  const sealedThrough = days.at(-1)?.day ?? lastSealed;
  const stillDue = daysDueForSealing(sealedThrough, firstDay, now, SEAL_GRACE_MS, 10_000).length;
  return { days, daysBehind: stillDue };
}
