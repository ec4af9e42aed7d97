import { signaturesOf } from '../../../approvals/data/approval-repository.js';
import { findInvoice } from '../../../receivables/data/invoice-repository.js';
import { findCustomer, findProducts } from '../../../master-data/data/master-data-repository.js';
import { getOrder, getTimeline, recordTransition } from '../../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../../orders/domain/order-events.js';
import { reservationsOf } from '../../../inventory/data/stock-repository.js';
import { buildAuditDocument } from '../../domain/audit-document.js';
import { utcDateOf } from '../../../platform/domain/calendar-date.js';
import { recordRetention } from '../../domain/retention.js';
import { renderAuditRecordPdf } from '../../pdf/audit-record-pdf.js';
import { OrderLine } from '../../../orders/schemas/order.js';
import { orderArchivePrefix } from './keys.js';
import { writeSignedDocument, type ArchiveTarget } from './signed-document.js';

export interface ArchiveSettings extends ArchiveTarget {
  /** The bucket's default retention; an order is never kept for less. */
  defaultRetentionYears: number;
}

/**
 * Writes the order's complete record to the write-once bucket twice, as
 * canonical JSON (the record of truth) and as a PDF for people, each with a
 * detached KMS signature. Retention is the longest record-retention period
 * of the products on the order (medical device records outlive the device:
 * 21 CFR 820.180, EU MDR Art. 10(8)), never shorter than the bucket default.
 */
export async function archiveStep(orderId: string, settings: ArchiveSettings, now: Date = new Date()): Promise<void> {
  const order = await getOrder(orderId);
  // A retried step must not pile up further locked versions that can never be removed.
  if (order.archive) return;
  const [timeline, signatures, reservations, invoice, products, customer] = await Promise.all([
    getTimeline(orderId),
    signaturesOf(orderId),
    reservationsOf(orderId),
    findInvoice(orderId),
    findProducts(order.lines.map((line) => line.gtin)),
    findCustomer(order.customerId),
  ]);
  const productList = [...products.values()].map(({ gtin, name, deviceClass, retentionYears }) => ({ gtin, name, deviceClass, retentionYears }));
  const retention = recordRetention(productList, settings.defaultRetentionYears, utcDateOf(now));
  const document = buildAuditDocument({
    order: { ...order, lines: OrderLine.array().parse(order.lines) },
    customer,
    products: productList,
    timeline,
    signatures: signatures.map(({ orderId: _orderId, ...signature }) => signature),
    reservations,
    invoice,
    archivedAt: now.toISOString(),
    retention,
  });
  const pdf = await renderAuditRecordPdf(document.record, document.sha256);

  const prefix = orderArchivePrefix(orderId);
  const json = await writeSignedDocument(
    settings,
    { key: `${prefix}audit-record.json`, body: document.body, contentType: 'application/json' },
    retention.retainUntil,
    now,
  );
  const rendered = await writeSignedDocument(
    settings,
    { key: `${prefix}audit-record.pdf`, body: pdf, contentType: 'application/pdf' },
    retention.retainUntil,
    now,
  );

  const reference = ({ key, versionId, sha256, signatureKey, signatureVersionId }: typeof json) => ({
    key,
    versionId,
    sha256,
    signatureKey,
    signatureVersionId,
  });
  await recordTransition(
    order,
    'ARCHIVED',
    { archive: { bucket: settings.bucket, ...reference(json), retainUntil: retention.retainUntil, pdf: reference(rendered) } },
    {
      ...ORDER_EVENTS.ARCHIVED.of(),
      actor: 'workflow',
      detail: {
        key: json.key,
        versionId: json.versionId,
        sha256: json.sha256,
        pdf: { key: rendered.key, versionId: rendered.versionId, sha256: rendered.sha256 },
        retainUntil: retention.retainUntil,
        retentionYears: retention.years,
      },
    },
    now.toISOString(),
  );
}
