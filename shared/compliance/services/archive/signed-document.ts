import { putLockedObject } from '../../../platform/aws/objects.js';
import { signDigest } from '../../../platform/aws/signing.js';
import type { CalendarDate } from '../../../platform/domain/calendar-date.js';
import { sha256Hex } from '../../../platform/domain/canonical-json.js';
import { retainUntilInstant } from '../../domain/retention.js';
import type { DetachedSignature } from '../../schemas/compliance.js';

export interface ArchiveTarget {
  bucket: string;
  signingKeyId: string;
}

export interface DocumentToArchive {
  key: string;
  body: string | Uint8Array;
  contentType: string;
}

/** Where a signed document and its detached signature were written, version by version. */
export interface SignedDocumentReference {
  key: string;
  versionId: string;
  sha256: string;
  contentType: string;
  signatureKey: string;
  signatureVersionId: string;
  retainUntil: CalendarDate;
}

export interface ArchiveDeps {
  signDigest: typeof signDigest;
  putLockedObject: typeof putLockedObject;
}

const defaultArchiveDeps: ArchiveDeps = { signDigest, putLockedObject };

/** The detached signature of a document lives next to it, under the same key plus this suffix. */
export const SIGNATURE_SUFFIX = '.sig.json';

/**
 * Writes one document to the write-once bucket with a detached KMS signature
 * over its SHA-256 (written as its own locked object next to it, naming the
 * exact version it signs), both under COMPLIANCE retention until
 * `retainUntil`. Reusable by anything that archives (orders, recall packages).
 * The signature is made before anything is written, so a KMS failure leaves
 * no unsigned document behind.
 */
export async function writeSignedDocument(
  target: ArchiveTarget,
  document: DocumentToArchive,
  retainUntil: CalendarDate,
  now: Date = new Date(),
  deps: ArchiveDeps = defaultArchiveDeps,
): Promise<SignedDocumentReference> {
  const sha256 = sha256Hex(document.body);
  const signed = await deps.signDigest(target.signingKeyId, sha256);

  const retainUntilDate = retainUntilInstant(retainUntil);
  const stored = await deps.putLockedObject({
    bucket: target.bucket,
    key: document.key,
    body: document.body,
    contentType: document.contentType,
    metadata: { sha256 },
    retainUntil: retainUntilDate,
  });

  const signatureKey = `${document.key}${SIGNATURE_SUFFIX}`;
  const signature: DetachedSignature = {
    document: { key: document.key, versionId: stored.versionId, sha256 },
    keyId: signed.keyId,
    signingAlgorithm: signed.signingAlgorithm,
    messageType: 'DIGEST',
    signature: signed.signature,
    signedAt: now.toISOString(),
  };
  const storedSignature = await deps.putLockedObject({
    bucket: target.bucket,
    key: signatureKey,
    body: JSON.stringify(signature),
    contentType: 'application/json',
    retainUntil: retainUntilDate,
  });

  return {
    key: document.key,
    versionId: stored.versionId,
    sha256,
    contentType: document.contentType,
    signatureKey,
    signatureVersionId: storedSignature.versionId,
    retainUntil,
  };
}
