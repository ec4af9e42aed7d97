import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { chainEvent } from '../../../shared/compliance/domain/audit/chain.js';
import { ComplianceQuery, type ComplianceReport } from '../../../shared/compliance/schemas/audit.js';
import { csvField, reportCsv } from '../../../shared/compliance/services/audit/export/csv.js';
import { reportPdf } from '../../../shared/compliance/services/audit/export/pdf.js';

const event = {
  ...chainEvent('ORDER#ORD-1', undefined, {
    eventId: 'AE-1',
    at: '2026-11-25T12:00:00.000Z',
    action: 'MODIFY',
    entityType: 'Order',
    entityKey: 'ORDER#ORD-1|ORDER',
    version: 2,
    actor: 'user:finance1',
    reason: 'credit "hold", released',
    changes: [{ field: 'status', before: 'AWAITING_APPROVAL', after: 'APPROVED' }],
    refs: { orderId: 'ORD-1' },
    sourceId: 's-1',
  }),
  source: 'archive' as const,
};

const report: ComplianceReport = {
  query: { orderId: 'ORD-1', format: 'csv' },
  generatedAt: '2026-11-25T12:30:00.000Z',
  generatedBy: 'user:compliance1',
  orders: [{ orderId: 'ORD-1', customerId: 'C1', status: 'ARCHIVED', version: 9, total: '10.00', currency: 'EUR', source: 'live' }],
  shipments: [{ orderId: 'ORD-1', gtin: '05012345678900', lotNumber: 'L1', quantity: 2 }],
  approvals: [{ orderId: 'ORD-1', reason: 'ORDER_VALUE', role: 'finance', detail: 'over 10,000.00' }],
  signatures: [
    {
      orderId: 'ORD-1',
      approvalId: 'A1',
      signerUsername: 'finance1',
      signerName: 'Fin Ance',
      meaning: 'APPROVED',
      signedAt: '2026-11-25T12:10:00.000Z',
      orderContentHash: 'ab',
    },
  ],
  auditEvents: [event],
  truncated: false,
};

describe('given a compliance report', () => {
  it('when exported as CSV, then there is a header and one row per record, told apart by record type', () => {
    const lines = reportCsv(report).trimEnd().split('\r\n');
    expect(lines[0]).toBe('recordType,at,id,actor,action,entity,version,reason,detail,source');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['audit-event', 'order', 'shipment', 'approval', 'signature']);
  });

  it('when an audit event was read from the archive, then its row says so in the source column', () => {
    const [, auditRow, orderRow] = reportCsv(report).trimEnd().split('\r\n');
    expect(auditRow!.endsWith(',archive')).toBe(true);
    expect(orderRow!.endsWith(',live')).toBe(true);
  });

  it('when a value holds quotes and commas, then it is quoted with quotes doubled', () => {
    expect(reportCsv(report)).toContain('"credit ""hold"", released"');
  });

  it('when a value starts like a spreadsheet formula, then it is defused', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-12')).toBe("'-12");
  });

  it('when exported as PDF, then the bytes are a PDF document', async () => {
    const pdf = await reportPdf(report);
    expect(Buffer.from(pdf.slice(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
  });

  it('when a value holds characters the standard fonts cannot encode, then the PDF is still produced', async () => {
    const pdf = await reportPdf({ ...report, orders: [{ orderId: 'ORD-1', customerId: '顧客-€-✓' }] });
    expect(Buffer.from(pdf.slice(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('when there are many audit events, then the PDF runs over several pages', async () => {
    const many = Array.from({ length: 200 }, () => event);
    const pdf = await PDFDocument.load(await reportPdf({ ...report, auditEvents: many }));
    expect(pdf.getPageCount()).toBeGreaterThan(3);
  });
});

describe('given compliance query parameters', () => {
  it('when a lot is asked without its gtin, then it is refused naming gtin', () => {
    const parsed = ComplianceQuery.safeParse({ lot: 'L1' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain('gtin');
  });

  it('when neither a subject nor a time range is given, then it is refused', () => {
    expect(ComplianceQuery.safeParse({}).success).toBe(false);
  });

  it('when two subjects are given, then it is refused', () => {
    expect(ComplianceQuery.safeParse({ orderId: 'ORD-01JDX0000000000000000000000', customerId: 'C1' }).success).toBe(false);
  });

  it('when a time range alone spans more than 31 days or runs backwards, then it is refused', () => {
    expect(ComplianceQuery.safeParse({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }).success).toBe(false);
    expect(ComplianceQuery.safeParse({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }).success).toBe(false);
  });

  it('when a subject or a short range is given, then it is accepted with format json by default', () => {
    expect(ComplianceQuery.parse({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }).format).toBe('json');
    expect(ComplianceQuery.parse({ gtin: '05012345678900', lot: 'L1', format: 'pdf' }).format).toBe('pdf');
  });
});
