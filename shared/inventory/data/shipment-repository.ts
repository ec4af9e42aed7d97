import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import type { AdvanceShipNotice } from '../domain/asn.js';
import { AdvanceShipNoticeEntity } from './shipment-entities.js';
import { conditionHeld } from '../../platform/data/errors.js';

export type AdvanceShipNoticeRecord = FormattedItem<typeof AdvanceShipNoticeEntity>;

/** Emits the ASN of a shipment once: a retried Ship step finds it written and changes nothing. */
export async function emitAdvanceShipNotice(orderId: string, asn: AdvanceShipNotice, x12: string, emittedAt: string): Promise<boolean> {
  return conditionHeld(
    AdvanceShipNoticeEntity.build(PutItemCommand)
      .item({
        orderId,
        shipmentId: asn.bsn.shipmentId,
        eventType: 'ADVANCE_SHIP_NOTICE',
        emittedAt,
        asn,
        x12,
        changedBy: 'system:ship',
        changeReason: `advance ship notice of order ${orderId}`,
      })
      .options({ condition: { attr: 'shipmentId', exists: false } })
      .send(),
  );
}

export async function findAdvanceShipNotice(orderId: string, shipmentId: string): Promise<AdvanceShipNoticeRecord | undefined> {
  const { Item } = await AdvanceShipNoticeEntity.build(GetItemCommand).key({ orderId, shipmentId }).options({ consistent: true }).send();
  return Item;
}
