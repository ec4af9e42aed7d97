import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SignCommand } from '@aws-sdk/client-kms';
import { kmsClient } from '../../aws/kms.js';
import { s3Client } from '../../aws/s3.js';
import { signaturesOf } from '../../data/approval-repository.js';
import { findInvoice } from '../../data/invoice-repository.js';
import { findProducts } from '../../data/master-data-repository.js';
import { getOrder, getTimeline, recordTransition } from '../../data/order-repository.js';
import { reservationsOf } from '../../data/stock-repository.js';
import { addYears, utcDateOf } from '../../domain/calendar-date.js';
import { buildAuditDocument, SIGNING_ALGORITHM } from '../../domain/audit-document.js';

export interface ArchiveSettings {
  bucket: string;
  signingKeyId: string;
  /** The bucket's default retention; an order is never kept for less. */
  defaultRetentionYears: number;
}

/**
 * Writes the order's complete record as canonical JSON to the write-once
 * bucket, with a detached KMS signature over its SHA-256. Retention is the
 * longest record-retention period of the products on the order (medical
 * device records outlive the device: 21 CFR 820.180, EU MDR Art. 10(8)).
 */
export async function archiveStep(orderId: string, settings: ArchiveSettings, now: Date = new Date()): Promise<void> {
  const order = await getOrder(orderId);
  const [timeline, signatures, reservations, invoice, products] = await Promise.all([
    getTimeline(orderId),
    signaturesOf(orderId),
    reservationsOf(orderId),
    findInvoice(orderId),
    findProducts(order.lines.map((line) => line.gtin)),
  ]);
  const retentionYears = Math.max(settings.defaultRetentionYears, ...[...products.values()].map((p) => p.retentionYears));
  const retainUntil = addYears(utcDateOf(now), retentionYears);
  const document = buildAuditDocument({ order, timeline, signatures, reservations, invoice, archivedAt: now.toISOString(), retainUntil });

  const { key, versionId, signatureKey } = await writeSignedDocument(settings, `orders/${orderId}/audit-record`, document, retainUntil, now);
  await recordTransition(
    order,
    'ARCHIVED',
    { archive: { bucket: settings.bucket, key, versionId, sha256: document.sha256, signatureKey } },
    { eventId: '08-ARCHIVED', type: 'ORDER_ARCHIVED', actor: 'workflow', detail: { key, versionId, sha256: document.sha256, retainUntil } },
    now.toISOString(),
  );
}

export interface SignedDocument {
  key: string;
  versionId: string;
  signatureKey: string;
}

/**
 * Stores a canonical JSON document under `{keyBase}.json` in the write-once
 * bucket (COMPLIANCE retention until `retainUntil`) with a detached KMS
 * signature over its SHA-256 beside it (`{keyBase}.sig.json`). Shared by
 * every archived record (orders, recalls).
 */
export async function writeSignedDocument(
  settings: Pick<ArchiveSettings, 'bucket' | 'signingKeyId'>,
  keyBase: string,
  document: { body: string; sha256: string },
  retainUntil: string,
  now: Date = new Date(),
): Promise<SignedDocument> {
  const signed = await kmsClient.send(
    new SignCommand({
      KeyId: settings.signingKeyId,
      Message: Buffer.from(document.sha256, 'hex'),
      MessageType: 'DIGEST',
      SigningAlgorithm: SIGNING_ALGORITHM,
    }),
  );
  if (!signed.Signature) throw new Error('KMS returned no signature');

  const key = `${keyBase}.json`;
  const signatureKey = `${keyBase}.sig.json`;
  const lock = { ObjectLockMode: 'COMPLIANCE' as const, ObjectLockRetainUntilDate: new Date(`${retainUntil}T00:00:00Z`) };
  const stored = await s3Client.send(
    new PutObjectCommand({
      Bucket: settings.bucket,
      Key: key,
      Body: document.body,
      ContentType: 'application/json',
      ChecksumAlgorithm: 'SHA256',
      Metadata: { sha256: document.sha256 },
      ...lock,
    }),
  );
  if (!stored.VersionId) throw new Error(`bucket ${settings.bucket} did not return a version id: is versioning on?`);
  await s3Client.send(
    new PutObjectCommand({
      Bucket: settings.bucket,
      Key: signatureKey,
      ContentType: 'application/json',
      ChecksumAlgorithm: 'SHA256',
      Body: JSON.stringify({
        document: { key, versionId: stored.VersionId, sha256: document.sha256 },
        keyId: signed.KeyId ?? settings.signingKeyId,
        signingAlgorithm: SIGNING_ALGORITHM,
        messageType: 'DIGEST',
        signature: Buffer.from(signed.Signature).toString('base64'),
        signedAt: now.toISOString(),
      }),
      ...lock,
    }),
  );
  return { key, versionId: stored.VersionId, signatureKey };
}
