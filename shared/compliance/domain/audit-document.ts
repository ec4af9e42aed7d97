import { canonicalJson, sha256Hex } from '../../platform/domain/canonical-json.js';
import type { RecordRetention } from './retention.js';

export const SIGNING_ALGORITHM = 'ECDSA_SHA_256';
export const AUDIT_DOCUMENT_SCHEMA = 'o2c.order-audit-record/2';

/** What the document needs of the order; the whole order record goes into the JSON. */
export interface AuditOrder {
  orderId: string;
  customerId: string;
  customerPo: string;
  channel: string;
  submittedBy: string;
  status: string;
  currency?: string;
  total?: string;
  lines: readonly { lineNo: number; gtin: string; quantity: number }[];
}

/** An electronic signature as recorded when it was given (21 CFR 11.50, 11.70). */
export interface AuditSignature {
  approvalId: string;
  reason: string;
  signerUsername: string;
  signerName: string;
  signedAt: string;
  meaning: string;
  meaningText: string;
  comment?: string;
  orderVersion: number;
  orderContentHash: string;
}

export interface AuditReservation {
  lineNo: number;
  gtin: string;
  status: string;
  picks: readonly { lotNumber: string; expiry: string; quantity: number; serials?: readonly string[] }[];
}

export interface AuditInvoice {
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  total: string;
  lines: readonly { lineNo: number; gtin: string; quantity: number; unitPrice: string; amount: string }[];
}

export interface AuditTimelineEvent {
  eventId: string;
  type: string;
  at: string;
  actor: string;
  status: string;
  detail?: unknown;
}

export interface AuditProduct {
  gtin: string;
  name: string;
  deviceClass: string;
  retentionYears: number;
}

export interface AuditDocumentParts<O extends AuditOrder = AuditOrder> {
  order: O;
  customer?: { legalName: string };
  products: readonly AuditProduct[];
  timeline: readonly AuditTimelineEvent[];
  signatures: readonly AuditSignature[];
  reservations: readonly AuditReservation[];
  invoice: AuditInvoice | undefined;
  archivedAt: string;
  retention: RecordRetention;
}

/** One signature manifestation as a person reads it: printed name, date and time (UTC), meaning. */
export interface SignatureManifestation extends AuditSignature {
  manifestation: string;
}

export interface ShippedUnit {
  lineNo: number;
  gtin: string;
  productName: string | null;
  lotNumber: string;
  expiry: string;
  quantity: number;
  serials: string[];
}

/** The archived record's content, before it is serialized (the PDF renders this same object). */
export interface AuditRecord<O extends AuditOrder = AuditOrder> {
  schema: typeof AUDIT_DOCUMENT_SCHEMA;
  archivedAt: string;
  retention: RecordRetention;
  order: O;
  customer: { customerId: string; legalName: string | null };
  products: AuditProduct[];
  signatures: SignatureManifestation[];
  shipped: ShippedUnit[];
  invoice: AuditInvoice | null;
  timeline: AuditTimelineEvent[];
}

export interface AuditDocument<O extends AuditOrder = AuditOrder> {
  record: AuditRecord<O>;
  body: string;
  sha256: string;
}

/** "2025-03-01T11:00:00.000Z" as "2025-03-01 11:00:00 UTC": unambiguous on paper. */
export function utcDisplay(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`not an instant: ${instant}`);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The human-readable manifestation required beside every signed record (21 CFR 11.50(a)). */
export function manifestationOf(signature: AuditSignature): string {
  return `Signed by ${signature.signerName} (${signature.signerUsername}) on ${utcDisplay(signature.signedAt)}; meaning: ${signature.meaningText}`;
}

/** Only what actually left the warehouse: reservations released back to stock were never shipped. */
export function shippedUnits(reservations: readonly AuditReservation[], products: readonly AuditProduct[]): ShippedUnit[] {
  const names = new Map(products.map((p) => [p.gtin, p.name]));
  return reservations
    .filter((reservation) => reservation.status === 'SHIPPED')
    .toSorted((a, b) => a.lineNo - b.lineNo)
    .flatMap((reservation) =>
      reservation.picks.map((pick) => ({
        lineNo: reservation.lineNo,
        gtin: reservation.gtin,
        productName: names.get(reservation.gtin) ?? null,
        lotNumber: pick.lotNumber,
        expiry: pick.expiry,
        quantity: pick.quantity,
        serials: [...(pick.serials ?? [])],
      })),
    );
}

/** The order's whole record as one canonical JSON document, and the hash that is signed. */
export function buildAuditDocument<O extends AuditOrder>(parts: AuditDocumentParts<O>): AuditDocument<O> {
  const record: AuditRecord<O> = {
    schema: AUDIT_DOCUMENT_SCHEMA,
    archivedAt: parts.archivedAt,
    retention: parts.retention,
    order: parts.order,
    customer: { customerId: parts.order.customerId, legalName: parts.customer?.legalName ?? null },
    products: parts.products.toSorted((a, b) => (a.gtin < b.gtin ? -1 : a.gtin > b.gtin ? 1 : 0)),
    signatures: parts.signatures
      .toSorted((a, b) => (a.signedAt < b.signedAt ? -1 : a.signedAt > b.signedAt ? 1 : 0))
      .map((s) => ({ ...s, manifestation: manifestationOf(s) })),
    shipped: shippedUnits(parts.reservations, parts.products),
    invoice: parts.invoice ?? null,
    timeline: [...parts.timeline],
  };
  const body = canonicalJson(record);
  return { record, body, sha256: sha256Hex(body) };
}
