import { checkChain, type ChainedAuditEvent } from '../../domain/audit/chain.js';
import { chainEvents, latestCover } from '../../data/audit/audit-repository.js';
import { segmentsOf } from '../../data/audit/segment-repository.js';
import type { ChainVerification } from '../../schemas/audit.js';
import { checkSegment } from './archive/segment-store.js';
import { loadCheckpoint } from './checkpoint.js';

interface ArchivedPart {
  events: ChainedAuditEvent[];
  summary: NonNullable<ChainVerification['archive']>;
  broken?: ChainVerification['firstBrokenEvent'];
}

/** The sealed segments of a chain, each checked against its signature; the events of the valid ones. */
async function archivedPart(chain: string, bucket: string, liveEvents: number): Promise<ArchivedPart | undefined> {
  const manifests = await segmentsOf(chain);
  if (manifests.length === 0) return undefined;
  const checks = await Promise.all(manifests.map(async (manifest) => ({ manifest, check: await checkSegment(bucket, manifest) })));
  const invalid = checks.find(({ check }) => !check.valid);
  return {
    events: checks.flatMap(({ check }) => (check.valid ? check.events : [])),
    summary: {
      segments: manifests.length,
      validSegments: checks.filter(({ check }) => check.valid).length,
      sealedThroughSeq: Math.max(...manifests.map((m) => m.lastSeq)),
      liveEvents,
    },
    ...(invalid && !invalid.check.valid
      ? { broken: { problem: 'SEGMENT_INVALID' as const, seq: invalid.manifest.firstSeq, detail: invalid.check.detail } }
      : {}),
  };
}

/** The chain as a whole: sealed events from the archive, the rest (and any live copy of a sealed event) from the table. */
function wholeChain(live: readonly ChainedAuditEvent[], archived: readonly ChainedAuditEvent[]) {
  const bySeq = new Map<number, ChainedAuditEvent>(archived.map((event) => [event.seq, event]));
  let mismatch: ChainedAuditEvent | undefined;
  for (const event of live) {
    const sealed = bySeq.get(event.seq);
    if (sealed && sealed.hash !== event.hash) mismatch ??= event;
    bySeq.set(event.seq, event);
  }
  return { events: [...bySeq.values()], mismatch };
}

/**
 * Recomputes a chain from its first event and compares its head with the
 * latest signed checkpoint that covers it. Events already sealed come from
 * the archive's segments (their signatures checked; live copies, where not
 * yet expired, must equal them), the rest from the audit table. Reports the
 * first broken link: a changed event (hash), a replaced one (link), a deleted
 * one (sequence gap), a deleted tail (shorter than the checkpoint signed), a
 * segment whose object or signature does not hold, a live copy rewritten
 * after sealing. The checkpoint's own signature is checked with KMS; the
 * cover record only says where to look, the signed manifest is what counts.
 */
export async function verifyChain(chain: string, bucket: string): Promise<ChainVerification> {
  const [live, cover] = await Promise.all([chainEvents(chain), latestCover(chain)]);
  const archive = await archivedPart(chain, bucket, live.length);
  const { events, mismatch } = wholeChain(live, archive?.events ?? []);
  const archiveSummary = archive ? { archive: archive.summary } : {};

  let signedHead: { seq: number; hash: string } | undefined;
  let checkpoint: ChainVerification['checkpoint'];
  if (cover) {
    const { checkpoint: loaded, signatureValid } = await loadCheckpoint(bucket, cover.checkpointKey);
    const signed = loaded.manifest.heads.find((head) => head.chain === chain);
    checkpoint = {
      checkpointSeq: loaded.manifest.checkpointSeq,
      key: cover.checkpointKey,
      createdAt: loaded.manifest.createdAt,
      signatureValid: signatureValid && Boolean(signed),
      head: signed ? { seq: signed.seq, hash: signed.hash } : cover.head,
    };
    if (signatureValid && signed) signedHead = { seq: signed.seq, hash: signed.hash };
  }
  const check = checkChain(events, signedHead);
  const rewritten = mismatch
    ? {
        problem: 'ARCHIVE_MISMATCH' as const,
        seq: mismatch.seq,
        eventId: mismatch.eventId,
        detail: `event ${mismatch.eventId} (seq ${mismatch.seq}) in the audit table differs from its sealed copy in the archive`,
      }
    : undefined;
  // A live copy rewritten with a recomputed hash also breaks the link after it: the rewrite, being earlier, is named.
  const linkBreak = check.firstBrokenEvent && rewritten && rewritten.seq <= check.firstBrokenEvent.seq ? rewritten : check.firstBrokenEvent;
  const firstBrokenEvent = archive?.broken ?? linkBreak ?? rewritten;
  const intact = !firstBrokenEvent && (checkpoint ? checkpoint.signatureValid : true);
  return {
    chain,
    intact,
    checkedEvents: check.checkedEvents,
    ...(check.head ? { head: check.head } : {}),
    ...(firstBrokenEvent ? { firstBrokenEvent } : {}),
    ...(checkpoint ? { checkpoint } : {}),
    ...archiveSummary,
  };
}
