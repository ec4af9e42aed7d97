import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SignCommand } from '@aws-sdk/client-kms';
import { kmsClient } from '../../../platform/aws/kms.js';
import { s3Client } from '../../../platform/aws/s3.js';
import { SIGNING_ALGORITHM } from '../../domain/audit-document.js';
import type { CalendarDate } from '../../../platform/domain/calendar-date.js';
import { sha256Hex } from '../../../platform/domain/canonical-json.js';
import { retainUntilInstant } from '../../domain/retention.js';
import { DetachedSignature } from '../../schemas/compliance.js';

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
): Promise<SignedDocumentReference> {
  const sha256 = sha256Hex(document.body);
  const signed = await kmsClient.send(
    new SignCommand({ KeyId: target.signingKeyId, Message: Buffer.from(sha256, 'hex'), MessageType: 'DIGEST', SigningAlgorithm: SIGNING_ALGORITHM }),
  );
  if (!signed.Signature) throw new Error('KMS returned no signature');

  const lock = { ObjectLockMode: 'COMPLIANCE' as const, ObjectLockRetainUntilDate: retainUntilInstant(retainUntil) };
  const stored = await s3Client.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: document.key,
      Body: document.body,
      ContentType: document.contentType,
      ChecksumAlgorithm: 'SHA256',
      Metadata: { sha256 },
      ...lock,
    }),
  );
  if (!stored.VersionId) throw new Error(`bucket ${target.bucket} did not return a version id: is versioning on?`);

  const signatureKey = `${document.key}${SIGNATURE_SUFFIX}`;
  const signature: DetachedSignature = {
    document: { key: document.key, versionId: stored.VersionId, sha256 },
    keyId: signed.KeyId ?? target.signingKeyId,
    signingAlgorithm: SIGNING_ALGORITHM,
    messageType: 'DIGEST',
    signature: Buffer.from(signed.Signature).toString('base64'),
    signedAt: now.toISOString(),
  };
  const storedSignature = await s3Client.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: signatureKey,
      Body: JSON.stringify(signature),
      ContentType: 'application/json',
      ChecksumAlgorithm: 'SHA256',
      ...lock,
    }),
  );
  if (!storedSignature.VersionId) throw new Error(`bucket ${target.bucket} did not return a version id for ${signatureKey}`);

  return {
    key: document.key,
    versionId: stored.VersionId,
    sha256,
    contentType: document.contentType,
    signatureKey,
    signatureVersionId: storedSignature.VersionId,
    retainUntil,
  };
}
