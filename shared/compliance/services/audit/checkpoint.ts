import { z } from 'zod';
import { putObject, readObjectText } from '../../../platform/aws/objects.js';
import { signDigest, verifyDigest } from '../../../platform/aws/signing.js';
import { canonicalJson, sha256Hex } from '../../../platform/domain/canonical-json.js';
import { GENESIS_HASH, type ChainHead } from '../../domain/audit/chain.js';
import { appendAfter, eventsOfDay, lastEventOf, lastEventWhere, putCover } from '../../data/audit/audit-repository.js';
import { type CheckpointManifest, SignedCheckpoint } from '../../schemas/audit.js';

export const CHECKPOINT_CHAIN = 'CHECKPOINTS';
/** Index entries appear a moment after their event; each checkpoint looks this far behind the previous one so none is missed. */
const INDEX_LAG_MS = 5 * 60_000;
const MAX_HEADS = 200_000;
/** With no scheduled checkpoint yet, the first one looks back a day. */
const FIRST_WINDOW_MS = 24 * 3_600_000;
export const SCHEDULED = 'schedule';

/** What the CHECKPOINTS chain records about each checkpoint. */
const CheckpointPointer = z.object({ key: z.string(), sha256: z.string(), createdAt: z.string() });

export interface CheckpointSettings {
  bucket: string;
  signingKeyId: string;
}

export interface CheckpointDeps {
  signDigest: typeof signDigest;
  putObject: typeof putObject;
  readObjectText: typeof readObjectText;
  verifyDigest: typeof verifyDigest;
}

const defaultCheckpointDeps: CheckpointDeps = { signDigest, putObject, readObjectText, verifyDigest };

export const checkpointKey = (checkpointSeq: number) => `audit-checkpoints/${String(checkpointSeq).padStart(12, '0')}.json`;

function* daysBetween(from: Date, to: Date): Generator<string> {
  for (let day = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); day <= to.getTime(); day += 86_400_000) {
    yield new Date(day).toISOString().slice(0, 10);
  }
}

/** The newest head of every chain that received events in a window, from the by-day index. */
async function headsChangedSince(since: Date, now: Date): Promise<Map<string, ChainHead>> {
  const heads = new Map<string, ChainHead>();
  for (const day of daysBetween(since, now)) {
    const { events } = await eventsOfDay(day, since.toISOString(), now.toISOString(), MAX_HEADS);
    for (const event of events) {
      if (event.chain === CHECKPOINT_CHAIN) continue;
      const known = heads.get(event.chain);
      if (!known || known.seq < event.seq) heads.set(event.chain, { seq: event.seq, hash: event.hash });
    }
  }
  return heads;
}

export interface CheckpointResult {
  checkpointSeq: number;
  key: string;
  chains: number;
}

/**
 * Signs chain heads and stores the manifest in the write-once bucket: on the
 * schedule, the heads of every chain changed since the previous scheduled
 * checkpoint (from the by-day index); at an order's completion, the heads the
 * caller just wrote (the order's chain among them).
 * The manifest names the previous manifest's SHA-256, so checkpoints form a
 * chain of their own, and its position on the CHECKPOINTS chain is claimed
 * before anything is stored: two checkpoints never take the same number.
 */
export async function writeCheckpoint(
  trigger: string,
  settings: CheckpointSettings,
  knownHeads: ReadonlyMap<string, ChainHead> = new Map(),
  now = new Date(),
  deps: CheckpointDeps = defaultCheckpointDeps,
): Promise<CheckpointResult | undefined> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const outcome = await attemptCheckpoint(trigger, settings, knownHeads, now, deps);
    if (outcome !== 'lost') return outcome;
  }
  throw new Error('could not claim a checkpoint number after 5 attempts');
}

async function attemptCheckpoint(
  trigger: string,
  settings: CheckpointSettings,
  knownHeads: ReadonlyMap<string, ChainHead>,
  now: Date,
  deps: CheckpointDeps,
): Promise<CheckpointResult | undefined | 'lost'> {
  const previous = await lastEventOf(CHECKPOINT_CHAIN);
  const previousAfter = CheckpointPointer.safeParse(previous?.after);
  const heads = new Map(knownHeads);
  if (trigger === SCHEDULED) {
    // The scheduled checkpoint signs every chain changed since the previous scheduled one; an order's completion signs only what it wrote.
    const lastScheduled = await lastEventWhere(CHECKPOINT_CHAIN, (event) => event.reason === SCHEDULED);
    const lastAt = CheckpointPointer.safeParse(lastScheduled?.after);
    const since = lastAt.success ? new Date(Date.parse(lastAt.data.createdAt) - INDEX_LAG_MS) : new Date(now.getTime() - FIRST_WINDOW_MS);
    for (const [chain, head] of await headsChangedSince(since, now)) {
      const known = heads.get(chain);
      if (!known || known.seq < head.seq) heads.set(chain, head);
    }
  }
  if (heads.size === 0) return undefined;

  const checkpointSeq = (previous?.seq ?? 0) + 1;
  const manifest: CheckpointManifest = {
    schema: 'o2c.audit-checkpoint/1',
    checkpointSeq,
    previousManifestSha256: previousAfter.success ? previousAfter.data.sha256 : GENESIS_HASH,
    createdAt: now.toISOString(),
    trigger,
    heads: [...heads].map(([chain, head]) => ({ chain, ...head })).sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0)),
  };
  const sha256 = sha256Hex(canonicalJson(manifest));
  const key = checkpointKey(checkpointSeq);

  const claimed = await appendAfter(CHECKPOINT_CHAIN, previous ? { seq: previous.seq, hash: previous.hash } : undefined, {
    eventId: `CP-${checkpointSeq}`,
    at: manifest.createdAt,
    action: 'CHECKPOINT',
    entityType: 'AuditCheckpoint',
    entityKey: key,
    actor: `system:audit-checkpoint`,
    reason: trigger,
    after: { key, sha256, createdAt: manifest.createdAt, chains: manifest.heads.length },
    refs: {},
    sourceId: `checkpoint:${checkpointSeq}`,
  });
  // Another checkpoint took this number first: build the manifest again on top of it.
  if (!claimed.appended) return 'lost';

  const signed = await deps.signDigest(settings.signingKeyId, sha256);
  const body: SignedCheckpoint = { manifest, sha256, keyId: signed.keyId, signingAlgorithm: signed.signingAlgorithm, signature: signed.signature };
  // The bucket's default COMPLIANCE retention locks the object.
  await deps.putObject({ bucket: settings.bucket, key, body: JSON.stringify(body), contentType: 'application/json', checksumSha256: true });
  await Promise.all(manifest.heads.map((head) => putCover(head.chain, checkpointSeq, key, { seq: head.seq, hash: head.hash })));
  return { checkpointSeq, key, chains: manifest.heads.length };
}

export interface LoadedCheckpoint {
  checkpoint: SignedCheckpoint;
  /** The manifest hashes to what was signed, and KMS confirms the signature. */
  signatureValid: boolean;
}

export async function loadCheckpoint(bucket: string, key: string, deps: CheckpointDeps = defaultCheckpointDeps): Promise<LoadedCheckpoint> {
  const checkpoint = SignedCheckpoint.parse(JSON.parse(await deps.readObjectText(bucket, key)));
  if (sha256Hex(canonicalJson(checkpoint.manifest)) !== checkpoint.sha256) return { checkpoint, signatureValid: false };
  return { checkpoint, signatureValid: await deps.verifyDigest(checkpoint.keyId, checkpoint.sha256, checkpoint.signature) };
}
