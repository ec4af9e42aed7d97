import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { BusEvent, PutResult } from '../../../shared/platform/aws/events.js';
import { publishDomainEvents } from '../../../shared/orders/services/publish-events.js';

const ack = (controlNumber: string) => ({
  _et: 'PoAcknowledgment',
  PK: `EDI855#${controlNumber}`,
  SK: 'EDI855',
  orderId: `ORD-${controlNumber}`,
  customerId: 'CUST-ACME',
  customerPo: 'PO-9',
  partnerId: 'HOSPEDI01',
  status: 'ACCEPTED',
  ack: { type: 'AD' },
  x12: 'ISA*...',
  emittedAt: '2026-11-25T12:00:00.000Z',
});

const inserted = (sequenceNumber: string, image: Record<string, unknown>): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: sequenceNumber, NewImage: marshall(image) as never },
});

describe('given stream records holding two 855 acknowledgments and an order change', () => {
  const records = [
    inserted('1', ack('000000001')),
    inserted('2', { _et: 'Order', PK: 'ORDER#ORD-1', SK: 'ORDER', status: 'RECEIVED' }),
    inserted('3', ack('000000002')),
  ];

  it('when both are put, then only the acknowledgments go on the bus, and nothing is left to retry', async () => {
    const put: BusEvent[] = [];
    const failed = await publishDomainEvents(records, 'o2c-bus', {
      putEvents: async (events) => {
        put.push(...events);
        return events.map((_, index): PutResult => ({ eventId: `e-${index}` }));
      },
    });
    expect(put.map((event) => [event.busName, event.source, event.detailType, (event.detail as { orderId: string }).orderId])).toEqual([
      ['o2c-bus', 'o2c.orders', 'PurchaseOrderAcknowledged', 'ORD-000000001'],
      ['o2c-bus', 'o2c.orders', 'PurchaseOrderAcknowledged', 'ORD-000000002'],
    ]);
    expect(failed).toEqual([]);
  });

  it('when EventBridge fails one entry, then only that record’s sequence number is returned for the stream to retry', async () => {
    const failed = await publishDomainEvents(records, 'o2c-bus', {
      putEvents: async (events) => events.map((_, index): PutResult => (index === 1 ? { errorCode: 'ThrottlingException' } : { eventId: `e-${index}` })),
    });
    expect(failed).toEqual(['3']);
  });
});
