import { describe, expect, it } from 'vitest';
import { channelViewOf } from '../../../shared/orders/domain/channel-view.js';
import { ChannelOrderView, OrderView } from '../../../shared/orders/schemas/order.js';

const at = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`;

/** A staff view of an order that went through a credit hold, a locked approval, a signed rejection-free approval and shipment. */
const staffView = OrderView.parse({
  orderId: 'ORD-01JF0000000000000000000000',
  status: 'INVOICED',
  channel: 'portal',
  customerId: 'CUST-ACME',
  customerPo: 'PO-1',
  shipTo: { name: 'ACME', line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'US' },
  currency: 'EUR',
  total: '10320.00',
  approvalReasons: ['CREDIT_HOLD'],
  requiredApprovals: [{ reason: 'CREDIT_HOLD', role: 'credit-controller', detail: 'exposure 60000.00 exceeds credit limit 50000.00' }],
  signatures: [
    {
      approvalId: 'APR-1',
      reason: 'CREDIT_HOLD',
      signerUsername: 'credit1',
      signerName: 'Carl Credit',
      signedAt: at(5),
      meaning: 'APPROVED',
      meaningText: 'Approved',
      comment: 'customer promised to pay the overdue invoice',
      orderVersion: 3,
      orderContentHash: 'abc',
    },
  ],
  lines: [
    {
      lineNo: 1,
      gtin: '05012345678917',
      quantity: 800,
      unitPrice: '12.90',
      lineTotal: '10320.00',
      priceSource: 'price-list:PL-EU-2026',
      explanation: { candidates: [], chosen: 'price-list:PL-EU-2026', why: 'the only rule', promotions: [] },
      allocations: [{ lotNumber: 'GL2609', expiry: '2028-06-30', quantity: 800 }],
    },
  ],
  invoice: {
    invoiceNumber: 'INV-1',
    issueDate: '2026-11-25',
    dueDate: '2026-12-25',
    currency: 'EUR',
    total: '10320.00',
    paymentStatus: 'UNPAID',
    openBalance: '10320.00',
  },
  archive: { bucket: 'b', key: 'k', versionId: 'v', sha256: 's', signatureKey: 'sk' },
  createdAt: at(0),
  updatedAt: at(9),
  timeline: [
    { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', at: at(0), actor: 'portal:client:abc', status: 'RECEIVED' },
    {
      eventId: '03-CREDIT_CHECKED',
      type: 'CREDIT_CHECKED',
      at: at(1),
      actor: 'workflow',
      status: 'CREDIT_CHECKED',
      detail: { credit: { status: 'HOLD', exposure: '60000.00', creditLimit: '50000.00' } },
    },
    { eventId: '04-AWAITING_APPROVAL', type: 'AWAITING_APPROVAL', at: at(2), actor: 'workflow', status: 'AWAITING_APPROVAL' },
    {
      eventId: '04-LOCKED#APR-1',
      type: 'APPROVAL_LOCKED',
      at: at(3),
      actor: 'system',
      status: 'AWAITING_APPROVAL',
      detail: { approvalId: 'APR-1', role: 'credit-controller', attemptedUser: 'Winter2026!', attempts: 3 },
    },
    {
      eventId: '04-SIGNED#APR-1',
      type: 'APPROVAL_SIGNED',
      at: at(5),
      actor: 'user:credit1',
      status: 'AWAITING_APPROVAL',
      detail: { signerUsername: 'credit1', signerName: 'Carl Credit', comment: 'customer promised to pay the overdue invoice' },
    },
    { eventId: '05-APPROVED', type: 'ORDER_APPROVED', at: at(6), actor: 'workflow', status: 'APPROVED' },
    {
      eventId: '06-SHIPPED',
      type: 'ORDER_SHIPPED',
      at: at(8),
      actor: 'workflow',
      status: 'SHIPPED',
      detail: { shipmentId: 'SHP-ORD-1', shipFrom: 'DC1', pickedBy: 'user:warehouse1', pickedAt: at(7) },
    },
    { eventId: '07-INVOICED', type: 'ORDER_INVOICED', at: at(9), actor: 'workflow', status: 'INVOICED', detail: { invoiceNumber: 'INV-1' } },
  ],
  links: { self: '/v1/orders/ORD-01JF0000000000000000000000' },
});

describe('given the staff view of an order with a credit hold, a locked approval and a signature', () => {
  const channel = channelViewOf(staffView);
  const text = JSON.stringify(channel);

  it('when the channel view is made, then it matches the channel schema exactly (nothing undeclared)', () => {
    expect(ChannelOrderView.strict().safeParse(channel).success).toBe(true);
  });

  it.each([
    'signerUsername',
    'signerName',
    'creditLimit',
    'exposure',
    'attemptedUser',
    'comment',
    'requiredApprovals',
    'signatures',
    'archive',
    'actor',
    'detail',
  ])('when the channel view is made, then it carries no %s', (field) => {
    expect(text).not.toContain(`"${field}"`);
  });

  it('when the channel view is made, then no value of the internal reasoning leaks either (names, comments, limits, typed user names, who picked)', () => {
    for (const value of ['credit1', 'Carl Credit', 'promised to pay', '50000.00', '60000.00', 'Winter2026!', 'warehouse1', 'credit-controller']) {
      expect(text).not.toContain(value);
    }
  });

  it('when the channel view is made, then the timeline keeps only the customer-facing events, with type, time and status', () => {
    expect(channel.timeline).toEqual([
      { type: 'ORDER_RECEIVED', at: at(0), status: 'RECEIVED' },
      { type: 'AWAITING_APPROVAL', at: at(2), status: 'AWAITING_APPROVAL' },
      { type: 'ORDER_APPROVED', at: at(6), status: 'APPROVED' },
      { type: 'ORDER_SHIPPED', at: at(8), status: 'SHIPPED' },
      { type: 'ORDER_INVOICED', at: at(9), status: 'INVOICED' },
    ]);
  });

  it('when the channel view is made, then it has the status, the priced lines with their lots, the shipment and the invoice', () => {
    expect(channel).toMatchObject({
      status: 'INVOICED',
      total: '10320.00',
      lines: [{ lineNo: 1, unitPrice: '12.90', lineTotal: '10320.00', allocations: [{ lotNumber: 'GL2609', quantity: 800 }] }],
      shipments: [{ shipmentId: 'SHP-ORD-1', shippedAt: at(8), shipFrom: 'DC1' }],
      invoice: { invoiceNumber: 'INV-1', openBalance: '10320.00' },
    });
    expect(channel.lines[0]).not.toHaveProperty('explanation');
  });
});
