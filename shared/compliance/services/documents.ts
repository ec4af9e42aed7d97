import { findOrder, type OrderRecord } from '../../orders/data/order-repository.js';
import { findLegalHold } from '../data/legal-hold-repository.js';
import { ComplianceDocuments, type ArchivedDocument } from '../schemas/compliance.js';
import { orderArchivePrefix } from './archive/keys.js';
import { lockStateOf, versionsUnder } from '../../platform/aws/objects.js';
import { legalHoldView } from './legal-hold.js';

/** The signed documents an archived order's record names, the JSON first. */
export function documentsOf(archive: NonNullable<OrderRecord['archive']>): ArchivedDocument[] {
  const json: ArchivedDocument = {
    kind: 'json',
    key: archive.key,
    versionId: archive.versionId,
    sha256: archive.sha256,
    signatureKey: archive.signatureKey,
    signatureVersionId: archive.signatureVersionId,
  };
  return archive.pdf ? [json, { kind: 'pdf', ...archive.pdf }] : [json];
}

/**
 * What the archive holds for an order: the documents its record names, and
 * every object version stored under it with retention and legal hold, so an
 * overwrite attempt (a later version of a locked key) shows beside the
 * original. Undefined when the order has nothing archived.
 */
export async function complianceDocuments(
  orderId: string,
  bucket: string,
  deps: { versionsUnder: typeof versionsUnder; lockStateOf: typeof lockStateOf } = { versionsUnder, lockStateOf },
): Promise<ComplianceDocuments | undefined> {
  const [order, versions, hold] = await Promise.all([findOrder(orderId), deps.versionsUnder(bucket, orderArchivePrefix(orderId)), findLegalHold(orderId)]);
  if (!order?.archive && versions.length === 0) return undefined;
  const documents = order?.archive ? documentsOf(order.archive) : [];
  const named = new Set(documents.flatMap((d) => [`${d.key}@${d.versionId}`, ...(d.signatureVersionId ? [`${d.signatureKey}@${d.signatureVersionId}`] : [])]));
  const objects = await Promise.all(
    versions.map(async (version) => ({
      ...version,
      archivedRecord: named.has(`${version.key}@${version.versionId}`),
      ...(await deps.lockStateOf(bucket, version.key, version.versionId)),
    })),
  );
  return ComplianceDocuments.parse({
    orderId,
    bucket,
    retainUntil: order?.archive?.retainUntil,
    documents,
    objects,
    legalHold: hold ? legalHoldView(hold) : undefined,
  });
}
