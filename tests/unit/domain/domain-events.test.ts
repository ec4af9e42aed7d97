import { describe, expect, it } from 'vitest';
import { domainEventOf } from '../../../shared/orders/domain/domain-events.js';

const ack = {
  _et: 'PoAcknowledgment',
  PK: 'EDI855#000000042',
  SK: 'EDI855',
  orderId: 'ORD-1',
  customerId: 'CUST-ACME',
  customerPo: 'PO-9',
  partnerId: 'HOSPEDI01',
  status: 'ACCEPTED',
  ack: { type: 'AD' },
  x12: 'ISA*...',
  emittedAt: '2026-11-25T12:00:00.000Z',
  changedBy: 'system:edi-855',
};
const asn = {
  _et: 'AdvanceShipNotice',
  PK: 'ORDER#ORD-1',
  SK: 'ASN#SHP-ORD-1',
  orderId: 'ORD-1',
  shipmentId: 'SHP-ORD-1',
  eventType: 'ADVANCE_SHIP_NOTICE',
  emittedAt: '2026-11-25T13:00:00.000Z',
  asn: { transactionSet: '856', order: { customerId: 'CUST-ACME', orderId: 'ORD-1' } },
  x12: 'ST*856*0001~',
};

describe('given items arriving on the table stream', () => {
  it('when an 855 is inserted, then it is a PurchaseOrderAcknowledged event whose id is its item key', () => {
    expect(domainEventOf('INSERT', ack)).toEqual({
      eventId: 'EDI855#000000042|EDI855',
      detailType: 'PurchaseOrderAcknowledged',
      detail: expect.objectContaining({
        eventId: 'EDI855#000000042|EDI855',
        controlNumber: '000000042',
        orderId: 'ORD-1',
        customerId: 'CUST-ACME',
        status: 'ACCEPTED',
        x12: 'ISA*...',
      }),
    });
  });

  it('when a ship notice is inserted, then it is an AdvanceShipNoticeCreated event naming the order and customer', () => {
    expect(domainEventOf('INSERT', asn)).toMatchObject({
      eventId: 'ORDER#ORD-1|ASN#SHP-ORD-1',
      detailType: 'AdvanceShipNoticeCreated',
      detail: { orderId: 'ORD-1', customerId: 'CUST-ACME', shipmentId: 'SHP-ORD-1', x12: 'ST*856*0001~' },
    });
  });

  it('when the same item is seen again (a retried batch), then the event has the same id', () => {
    expect(domainEventOf('INSERT', asn)!.eventId).toBe(domainEventOf('INSERT', { ...asn })!.eventId);
  });

  it('when an outbox item is modified or removed, or another item is inserted, then nothing is published', () => {
    expect(domainEventOf('MODIFY', ack)).toBeUndefined();
    expect(domainEventOf('REMOVE', undefined)).toBeUndefined();
    expect(domainEventOf('INSERT', { _et: 'Order', PK: 'ORDER#ORD-1', SK: 'ORDER' })).toBeUndefined();
  });

  it('when an outbox item is malformed, then reading it fails loudly instead of publishing half an event', () => {
    expect(() => domainEventOf('INSERT', { ...ack, orderId: undefined })).toThrow();
  });
});

describe('given recall consignees changing on the table stream', () => {
  const consignee = {
    _et: 'RecallConsignee',
    PK: 'RECALL#RCL-1',
    SK: 'CONSIGNEE#CUST-ACME',
    recallId: 'RCL-1',
    customerId: 'CUST-ACME',
    ackId: 'secret-link-id',
    letterStatus: 'SENT',
    changedBy: 'system:recall-notify',
  };
  const acknowledged = { ...consignee, acknowledgedAt: '2026-11-25T14:00:00.000Z', ackContactName: 'Dr. Jane Doe', ackQuantityOnHand: 3 };

  it('when a consignee is first acknowledged, then it is a RecallAcknowledged event (for the archiver to sign the package again) that carries no link id', () => {
    const event = domainEventOf('MODIFY', acknowledged, consignee);
    expect(event).toEqual({
      eventId: 'RECALL#RCL-1|CONSIGNEE#CUST-ACME|2026-11-25T14:00:00.000Z',
      detailType: 'RecallAcknowledged',
      detail: {
        eventId: 'RECALL#RCL-1|CONSIGNEE#CUST-ACME|2026-11-25T14:00:00.000Z',
        recallId: 'RCL-1',
        customerId: 'CUST-ACME',
        acknowledgedAt: '2026-11-25T14:00:00.000Z',
      },
    });
    expect(JSON.stringify(event)).not.toContain('secret-link-id');
  });

  it('when an acknowledged consignee changes again (a late delivery report), then it is no event', () => {
    expect(domainEventOf('MODIFY', { ...acknowledged, letterStatus: 'DELIVERED' }, acknowledged)).toBeUndefined();
  });

  it('when a consignee is written or changed without an acknowledgement, then it is no event', () => {
    expect(domainEventOf('INSERT', consignee)).toBeUndefined();
    expect(domainEventOf('MODIFY', { ...consignee, letterStatus: 'DELIVERED' }, consignee)).toBeUndefined();
  });
});
