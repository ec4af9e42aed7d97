import { Entity } from 'dynamodb-toolbox/entity';
import { any, item, string } from 'dynamodb-toolbox/schema';
import { table } from '../../platform/data/table.js';
import { audited } from '../../platform/data/audited.js';

/**
 * The advance ship notice of a shipment, written once under its order. It
 * is the event: the table's stream carries it to whoever subscribes
 * (transactional outbox), so it is emitted exactly when the shipment is
 * recorded, never lost and never sent for a shipment that did not happen.
 */
export const AdvanceShipNoticeEntity = new Entity({
  name: 'AdvanceShipNotice',
  table,
  schema: item({
    orderId: string().key(),
    shipmentId: string().key(),
    eventType: string().const('ADVANCE_SHIP_NOTICE'),
    emittedAt: string(),
    asn: any(),
    x12: string(),
    ...audited,
  }).and((previous) => ({
    orderKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ orderId }) => `ORDER#${orderId}`),
    asnKey: string()
      .key()
      .savedAs('SK')
      .hidden()
      .link<typeof previous>(({ shipmentId }) => `ASN#${shipmentId}`),
  })),
});
