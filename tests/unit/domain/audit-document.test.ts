import { describe, expect, it } from 'vitest';
import { AUDIT_DOCUMENT_SCHEMA, buildAuditDocument, SIGNING_ALGORITHM, type AuditDocumentParts } from '../../../shared/domain/audit-document.js';
import { sha256Hex } from '../../../shared/domain/canonical-json.js';

const parts = (overrides: Partial<AuditDocumentParts> = {}): AuditDocumentParts => ({
  order: { orderId: 'ORD-01J0000000000000000000000', total: '25.00', customerId: 'C-1' },
  timeline: [{ type: 'ORDER_RECEIVED', at: '2025-03-01T10:00:00.000Z' }],
  signatures: [{ signerName: 'Dana Approver', signedAt: '2025-03-01T11:00:00.000Z', meaning: 'APPROVED', orderContentHash: 'ab'.repeat(32) }],
  reservations: [{ lotNumber: 'A', quantity: 2 }],
  invoice: { invoiceNumber: 'INV-1', total: '25.00' },
  archivedAt: '2025-03-02T09:00:00.000Z',
  retainUntil: '2035-03-02',
  ...overrides,
});

describe('given an order’s full record', () => {
  it('when the audit document is built, then its body is canonical JSON with the schema id and every part', () => {
    const document = buildAuditDocument(parts());
    expect(JSON.parse(document.body)).toEqual({
      schema: AUDIT_DOCUMENT_SCHEMA,
      archivedAt: '2025-03-02T09:00:00.000Z',
      retainUntil: '2035-03-02',
      order: { orderId: 'ORD-01J0000000000000000000000', total: '25.00', customerId: 'C-1' },
      timeline: [{ type: 'ORDER_RECEIVED', at: '2025-03-01T10:00:00.000Z' }],
      signatures: [{ signerName: 'Dana Approver', signedAt: '2025-03-01T11:00:00.000Z', meaning: 'APPROVED', orderContentHash: 'ab'.repeat(32) }],
      fulfilment: [{ lotNumber: 'A', quantity: 2 }],
      invoice: { invoiceNumber: 'INV-1', total: '25.00' },
    });
    expect(document.body.startsWith('{"archivedAt":')).toBe(true);
    expect(document.body).not.toMatch(/\s"|":\s/);
  });

  it('when the audit document is built, then the hash is the SHA-256 of exactly the body', () => {
    const document = buildAuditDocument(parts());
    expect(document.sha256).toBe(sha256Hex(document.body));
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when the same record is built twice with keys in another order, then body and hash are identical', () => {
    const reordered = parts({ order: { customerId: 'C-1', total: '25.00', orderId: 'ORD-01J0000000000000000000000' } });
    expect(buildAuditDocument(reordered)).toEqual(buildAuditDocument(parts()));
  });

  it('when there is no invoice, then the document says invoice null rather than leaving it out', () => {
    const document = buildAuditDocument(parts({ invoice: undefined }));
    expect(JSON.parse(document.body)).toHaveProperty('invoice', null);
  });

  it('when the record holds a float amount, then building refuses it', () => {
    expect(() => buildAuditDocument(parts({ order: { total: 25.5 } }))).toThrow(/integers only/);
  });

  it('when the signing algorithm is named, then it is ECDSA with SHA-256 (the KMS P-256 key)', () => {
    expect(SIGNING_ALGORITHM).toBe('ECDSA_SHA_256');
  });
});
