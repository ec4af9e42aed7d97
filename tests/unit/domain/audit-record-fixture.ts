import type { AuditDocumentParts } from '../../../shared/compliance/domain/audit-document.js';
import type { PrintableOrder } from '../../../shared/compliance/pdf/audit-record-pdf.js';

/** A complete, approved, shipped and invoiced order record, as the Archive step gathers it. */
export function auditParts(overrides: Partial<AuditDocumentParts<PrintableOrder>> = {}): AuditDocumentParts<PrintableOrder> {
  return {
    order: {
      orderId: 'ORD-01J0000000000000000000000',
      customerId: 'CUST-ACME',
      customerPo: 'PO-4711',
      channel: 'portal',
      submittedBy: 'client:portal',
      status: 'INVOICED',
      currency: 'EUR',
      total: '10200.00',
      lines: [
        {
          lineNo: 1,
          gtin: '05012345678924',
          quantity: 12,
          listPrice: '850.0000',
          unitPrice: '850.0000',
          grossAmount: '10200.00',
          discountAmount: '0.00',
          lineTotal: '10200.00',
          priceSource: 'price-list:PL-BASE',
          explanation: {
            candidates: [
              { rule: 'price-list:PL-BASE', level: 'BASE', amount: '850.0000', status: 'CHOSEN', reason: 'base list in force on 2025-03-01' },
              { rule: 'price-list:PL-OLD', level: 'BASE', amount: '900.0000', status: 'EXPIRED', reason: 'valid until 2024-12-31' },
            ],
            chosen: 'price-list:PL-BASE',
            why: 'the only price rule in force for this customer',
            promotions: [],
          },
          allocations: [{ lotNumber: 'ST2701', expiry: '2027-01-31', quantity: 12, serials: ['SN-0001', 'SN-0002'] }],
        },
      ],
    },
    customer: { legalName: 'Acme Hospital Supplies GmbH' },
    products: [{ gtin: '05012345678924', name: 'Coronary stent 3.0 x 18 mm', deviceClass: 'III', retentionYears: 15 }],
    timeline: [
      { eventId: '01-RECEIVED', type: 'ORDER_RECEIVED', at: '2025-03-01T10:00:00.000Z', actor: 'client:portal', status: 'RECEIVED' },
      { eventId: '07-INVOICED', type: 'ORDER_INVOICED', at: '2025-03-01T12:00:00.000Z', actor: 'workflow', status: 'INVOICED' },
    ],
    signatures: [
      {
        approvalId: 'APR-2',
        reason: 'REGULATORY_REVIEW',
        signerUsername: 'regulatory1',
        signerName: 'Rita Regulatory',
        signedAt: '2025-03-01T11:30:00.000Z',
        meaning: 'REVIEWED',
        meaningText: 'Reviewed',
        orderVersion: 5,
        orderContentHash: 'cd'.repeat(32),
      },
      {
        approvalId: 'APR-1',
        reason: 'ORDER_VALUE_OVER_THRESHOLD',
        signerUsername: 'finance1',
        signerName: 'Dana Approver',
        signedAt: '2025-03-01T11:00:00.000Z',
        meaning: 'APPROVED',
        meaningText: 'Approved',
        comment: 'within budget',
        orderVersion: 5,
        orderContentHash: 'ab'.repeat(32),
      },
    ],
    reservations: [
      {
        lineNo: 1,
        gtin: '05012345678924',
        status: 'SHIPPED',
        picks: [{ lotNumber: 'ST2701', expiry: '2027-01-31', quantity: 12, serials: ['SN-0001', 'SN-0002'] }],
      },
    ],
    invoice: {
      invoiceNumber: 'INV-2025-0001',
      issueDate: '2025-03-01',
      dueDate: '2025-03-31',
      currency: 'EUR',
      total: '10200.00',
      lines: [{ lineNo: 1, gtin: '05012345678924', quantity: 12, unitPrice: '850.0000', amount: '10200.00' }],
    },
    archivedAt: '2025-03-02T09:00:00.000Z',
    retention: { years: 15, retainUntil: '2040-03-02', governedBy: ['05012345678924'] },
    ...overrides,
  };
}
