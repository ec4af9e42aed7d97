import { describe, expect, it } from 'vitest';
import {
  AUDIT_DOCUMENT_SCHEMA,
  buildAuditDocument,
  manifestationOf,
  shippedUnits,
  SIGNING_ALGORITHM,
  utcDisplay,
} from '../../../shared/compliance/domain/audit-document.js';
import { sha256Hex } from '../../../shared/platform/domain/canonical-json.js';
import { auditParts } from './audit-record-fixture.js';

describe('given an order’s full record', () => {
  it('when the audit document is built, then its body is canonical JSON with the schema id and every section', () => {
    const document = buildAuditDocument(auditParts());
    const body = JSON.parse(document.body);
    expect(Object.keys(body).sort()).toEqual([
      'archivedAt',
      'customer',
      'invoice',
      'order',
      'products',
      'retention',
      'schema',
      'shipped',
      'signatures',
      'timeline',
    ]);
    expect(body.schema).toBe(AUDIT_DOCUMENT_SCHEMA);
    expect(body.customer).toEqual({ customerId: 'CUST-ACME', legalName: 'Acme Hospital Supplies GmbH' });
    expect(body.retention).toEqual({ years: 15, retainUntil: '2040-03-02', governedBy: ['05012345678924'] });
    expect(body.order.lines[0].explanation.chosen).toBe('price-list:PL-BASE');
    expect(body.invoice.invoiceNumber).toBe('INV-2025-0001');
    expect(document.body.startsWith('{"archivedAt":')).toBe(true);
    expect(document.body).not.toMatch(/\s"|":\s/);
  });

  it('when the audit document is built, then the hash is the SHA-256 of exactly the body and the record is what was serialized', () => {
    const document = buildAuditDocument(auditParts());
    expect(document.sha256).toBe(sha256Hex(document.body));
    expect(JSON.parse(document.body)).toEqual(JSON.parse(JSON.stringify(document.record)));
  });

  it('when signatures were given out of order, then they are listed oldest first, each with its written manifestation', () => {
    const { signatures } = buildAuditDocument(auditParts()).record;
    expect(signatures.map((s) => s.signerUsername)).toEqual(['finance1', 'regulatory1']);
    expect(signatures[0]!.manifestation).toBe('Signed by Dana Approver (finance1) on 2025-03-01 11:00:00 UTC; meaning: Approved');
  });

  it('when the same record is built twice with keys in another order, then body and hash are identical', () => {
    const parts = auditParts();
    const { orderId, customerId, ...rest } = parts.order;
    const reordered = auditParts({ order: { ...rest, customerId, orderId } });
    expect(buildAuditDocument(reordered).sha256).toBe(buildAuditDocument(parts).sha256);
  });

  it('when there is no invoice, then the document says invoice null rather than leaving it out', () => {
    expect(JSON.parse(buildAuditDocument(auditParts({ invoice: undefined })).body)).toHaveProperty('invoice', null);
  });

  it('when the customer is no longer in master data, then the legal name is null and the id stays', () => {
    expect(buildAuditDocument(auditParts({ customer: undefined })).record.customer).toEqual({ customerId: 'CUST-ACME', legalName: null });
  });

  it('when the record holds a float amount, then building refuses it', () => {
    const parts = auditParts();
    expect(() => buildAuditDocument({ ...parts, order: { ...parts.order, total: 25.5 as unknown as string } })).toThrow(/integers only/);
  });

  it('when the signing algorithm is named, then it is ECDSA with SHA-256 (the KMS P-256 key)', () => {
    expect(SIGNING_ALGORITHM).toBe('ECDSA_SHA_256');
  });
});

describe('given reservations of an order', () => {
  const products = [{ gtin: '05012345678924', name: 'Stent', deviceClass: 'III', retentionYears: 15 }];

  it('when shipped units are listed, then only SHIPPED reservations count, one row per lot, with serials and product name', () => {
    const units = shippedUnits(
      [
        { lineNo: 2, gtin: '05012345678900', status: 'SHIPPED', picks: [{ lotNumber: 'B', expiry: '2027-01-31', quantity: 3 }] },
        {
          lineNo: 1,
          gtin: '05012345678924',
          status: 'SHIPPED',
          picks: [
            { lotNumber: 'A1', expiry: '2026-12-31', quantity: 1, serials: ['S1'] },
            { lotNumber: 'A2', expiry: '2027-06-30', quantity: 1, serials: ['S2'] },
          ],
        },
        { lineNo: 3, gtin: '05012345678924', status: 'RELEASED', picks: [{ lotNumber: 'C', expiry: '2027-01-31', quantity: 5 }] },
      ],
      products,
    );
    expect(units).toEqual([
      { lineNo: 1, gtin: '05012345678924', productName: 'Stent', lotNumber: 'A1', expiry: '2026-12-31', quantity: 1, serials: ['S1'] },
      { lineNo: 1, gtin: '05012345678924', productName: 'Stent', lotNumber: 'A2', expiry: '2027-06-30', quantity: 1, serials: ['S2'] },
      { lineNo: 2, gtin: '05012345678900', productName: null, lotNumber: 'B', expiry: '2027-01-31', quantity: 3, serials: [] },
    ]);
  });
});

describe('given signature manifestations', () => {
  it('when an instant is displayed, then it is UTC to the second with the zone named', () => {
    expect(utcDisplay('2025-03-01T23:59:59.999Z')).toBe('2025-03-01 23:59:59 UTC');
    expect(() => utcDisplay('yesterday')).toThrow(/not an instant/);
  });

  it('when a manifestation is written, then it holds the printed name, the user, the date and time and the meaning', () => {
    const text = manifestationOf(auditParts().signatures[1]!);
    expect(text).toContain('Dana Approver');
    expect(text).toContain('finance1');
    expect(text).toContain('2025-03-01 11:00:00 UTC');
    expect(text).toContain('Approved');
  });
});
