import { canonicalJson, sha256Hex } from './canonical-json.js';

export const SIGNING_ALGORITHM = 'ECDSA_SHA_256';
export const AUDIT_DOCUMENT_SCHEMA = 'o2c.order-audit-record/1';

export interface AuditDocumentParts {
  order: unknown;
  timeline: unknown[];
  /** Electronic signatures with their manifestations (name, time, meaning, signed content hash). */
  signatures: unknown[];
  reservations: unknown[];
  invoice: unknown;
  archivedAt: string;
  retainUntil: string;
}

export interface AuditDocument {
  body: string;
  sha256: string;
}

/** The order's whole record as one canonical JSON document, and the hash that is signed. */
export function buildAuditDocument(parts: AuditDocumentParts): AuditDocument {
  const body = canonicalJson({
    schema: AUDIT_DOCUMENT_SCHEMA,
    archivedAt: parts.archivedAt,
    retainUntil: parts.retainUntil,
    order: parts.order,
    timeline: parts.timeline,
    signatures: parts.signatures,
    fulfilment: parts.reservations,
    invoice: parts.invoice ?? null,
  });
  return { body, sha256: sha256Hex(body) };
}
