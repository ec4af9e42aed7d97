import { readObjectText } from '../../../../platform/aws/objects.js';
import { verifyDigest } from '../../../../platform/aws/signing.js';
import { sha256Hex } from '../../../../platform/domain/canonical-json.js';
import type { ChainedAuditEvent } from '../../../domain/audit/chain.js';
import { segmentLines } from '../../../domain/audit/segment.js';
import type { SegmentManifest } from '../../../data/audit/segment-repository.js';
import { AuditEvent } from '../../../schemas/audit.js';
import { DetachedSignature } from '../../../schemas/compliance.js';

export interface SegmentStoreDeps {
  readObjectText: typeof readObjectText;
  verifyDigest: typeof verifyDigest;
}

const defaultSegmentStoreDeps: SegmentStoreDeps = { readObjectText, verifyDigest };

/** A segment's events are parsed like any other input; the object is trusted no more than the table. */
const eventsOf = (body: string): ChainedAuditEvent[] => segmentLines(body).map((line) => AuditEvent.parse(line));

/**
 * The events of a sealed segment, read from the exact version its manifest
 * names; bytes that do not hash to the manifest's SHA-256 are refused.
 */
export async function readSegment(bucket: string, manifest: SegmentManifest, deps: SegmentStoreDeps = defaultSegmentStoreDeps): Promise<ChainedAuditEvent[]> {
  const body = await deps.readObjectText(bucket, manifest.key, manifest.versionId);
  if (sha256Hex(body) !== manifest.sha256) throw new Error(`segment ${manifest.key} (version ${manifest.versionId}) does not match its manifest`);
  return eventsOf(body);
}

export type SegmentCheck = { valid: true; events: ChainedAuditEvent[] } | { valid: false; detail: string };

/**
 * Checks a sealed segment as it stands in the bucket now: the current version
 * of its key must hold the sealed bytes (a version written over it later is
 * caught here), its detached signature must name that version and digest, KMS
 * must confirm the signature, and the events must be the ones the manifest lists.
 */
export async function checkSegment(bucket: string, manifest: SegmentManifest, deps: SegmentStoreDeps = defaultSegmentStoreDeps): Promise<SegmentCheck> {
  const [current, signatureText] = await Promise.all([
    deps.readObjectText(bucket, manifest.key),
    deps.readObjectText(bucket, manifest.signatureKey, manifest.signatureVersionId),
  ]);
  const range = `segment ${manifest.firstSeq}..${manifest.lastSeq} (${manifest.key})`;
  if (sha256Hex(current) !== manifest.sha256)
    return { valid: false, detail: `${range}: the stored object no longer hashes to the sealed SHA-256 (a later version was written over it)` };
  const signature = DetachedSignature.safeParse(JSON.parse(signatureText));
  if (!signature.success) return { valid: false, detail: `${range}: the detached signature is unreadable` };
  if (signature.data.document.sha256 !== manifest.sha256 || signature.data.document.versionId !== manifest.versionId) {
    return { valid: false, detail: `${range}: the detached signature names another version or digest` };
  }
  const verified = await deps.verifyDigest(signature.data.keyId, manifest.sha256, signature.data.signature);
  if (!verified) return { valid: false, detail: `${range}: the KMS signature does not verify` };
  const events = eventsOf(current);
  const seqs = events.map((event) => event.seq);
  if (
    events.length !== manifest.eventCount ||
    seqs[0] !== manifest.firstSeq ||
    seqs.at(-1) !== manifest.lastSeq ||
    events.some((event) => event.chain !== manifest.chain)
  ) {
    return { valid: false, detail: `${range}: the events differ from what the manifest lists` };
  }
  return { valid: true, events };
}
