import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildAuditDocument } from '../../../shared/compliance/domain/audit-document.js';
import { contentOf, renderAuditRecordPdf } from '../../../shared/compliance/pdf/audit-record-pdf.js';
import { auditParts } from '../domain/audit-record-fixture.js';

const document = buildAuditDocument(auditParts());

describe('given an archived order record', () => {
  it('when its content is laid out, then every section is there in reading order', () => {
    const headings = contentOf(document.record, document.sha256)
      .filter((run) => run.bold)
      .map((run) => run.text);
    expect(headings).toEqual([
      'Order audit record',
      'Lines, prices and how they were set',
      'Approvals and electronic signatures',
      'Shipped lots and serial numbers',
      'Invoice',
      'Timeline',
    ]);
  });

  it('when its content is laid out, then it names the order, the customer, each signature manifestation, lots, serials, the invoice and the JSON hash', () => {
    const text = contentOf(document.record, document.sha256)
      .map((run) => run.text)
      .join('\n');
    for (const expected of [
      'ORD-01J0000000000000000000000',
      'Acme Hospital Supplies GmbH (CUST-ACME)',
      'Signed by Dana Approver (finance1) on 2025-03-01 11:00:00 UTC; meaning: Approved',
      'Signed by Rita Regulatory (regulatory1) on 2025-03-01 11:30:00 UTC; meaning: Reviewed',
      'lot ST2701, expiry 2027-01-31, quantity 12',
      'Serials: SN-0001, SN-0002',
      'Invoice INV-2025-0001',
      'price-list:PL-OLD (BASE 900.0000): EXPIRED, valid until 2024-12-31',
      'Retained until: 2040-03-02 (15 years; set by 05012345678924)',
      document.sha256,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('when nothing needed approval, shipping or invoicing, then the sections say so instead of disappearing', () => {
    const bare = buildAuditDocument(auditParts({ signatures: [], reservations: [], invoice: undefined }));
    const text = contentOf(bare.record, bare.sha256).map((run) => run.text);
    expect(text).toContain('No approval was required: the order was within every approval threshold.');
    expect(text).toContain('Nothing was shipped.');
    expect(text).toContain('No invoice was issued.');
  });

  it('when it is rendered, then it is an A4 PDF with its title, and the same record renders to the same bytes', async () => {
    const first = await renderAuditRecordPdf(document.record, document.sha256);
    const second = await renderAuditRecordPdf(document.record, document.sha256);
    expect(Buffer.from(first).subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    const parsed = await PDFDocument.load(first);
    expect(parsed.getTitle()).toBe('Order audit record ORD-01J0000000000000000000000');
    expect(parsed.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it('when the record is long, then it runs over several pages', async () => {
    const parts = auditParts();
    const timeline = Array.from({ length: 150 }, (_, i) => ({
      eventId: `E${i}`,
      type: 'NOTE',
      at: '2025-03-01T10:00:00.000Z',
      actor: 'workflow',
      status: 'RECEIVED',
    }));
    const long = buildAuditDocument({ ...parts, timeline });
    const parsed = await PDFDocument.load(await renderAuditRecordPdf(long.record, long.sha256));
    expect(parsed.getPageCount()).toBeGreaterThan(1);
  });

  it('when a signer’s name has letters the standard font cannot draw, then it still renders', async () => {
    const parts = auditParts();
    const signatures = parts.signatures.map((s) => ({ ...s, signerName: 'Łukasz Дмитрий' }));
    const odd = buildAuditDocument({ ...parts, signatures });
    await expect(renderAuditRecordPdf(odd.record, odd.sha256)).resolves.toBeInstanceOf(Uint8Array);
  });
});
