import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { $add, $remove, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import { SerialEntity } from './inventory-entities.js';
import { StockLotEntity } from './stock-entities.js';
import { cancellationCodes, isConditionFailure } from '../../platform/data/errors.js';
import { findSerial, type SerialRecord } from './inventory-repository.js';

export interface SerialHoldOutcome {
  serial: string;
  lotNumber: string;
  /** The unit's status when the recall reached it. */
  previousStatus: string;
  /** IN_STOCK units leave the free-serial index and their lot's available count; RESERVED ones are the stopped orders'; SHIPPED ones are in the field. */
  status: 'ON_HOLD' | 'RESERVED_ON_HOLD' | 'SHIPPED';
  record: SerialRecord;
}

/** The hold mark as read: a write goes ahead only if nobody changed it meanwhile. */
const markAsRead = (unit: SerialRecord) =>
  unit.recallHold ? ({ attr: 'recallHold', eq: unit.recallHold } as const) : ({ attr: 'recallHold', exists: false } as const);

/**
 * Puts one serialized unit under a recall's hold. A unit in stock also leaves
 * the free-serial index and its lot's `available` count in the same
 * transaction, so allocation neither finds it nor counts it; a reserved or
 * shipped unit only gets the mark (reservation and shipment refuse marked
 * units). Safe to run again: a held unit back on the index (its order was
 * stopped and released it) is taken off again, once.
 */
export async function holdSerial(gtin: string, serial: string, recallId: string, reason: string): Promise<SerialHoldOutcome> {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const unit = await findSerial(gtin, serial);
    if (!unit) throw new Error(`serial ${gtin}/${serial} of ${recallId} does not exist`);
    const audit = { changedBy: 'system:recall-contain', changeReason: reason };
    const outcome = (status: SerialHoldOutcome['status']): SerialHoldOutcome => ({
      serial,
      lotNumber: unit.lotNumber,
      previousStatus: unit.status,
      status,
      record: unit,
    });
    try {
      if (unit.status === 'IN_STOCK') {
        // Held already (by this recall, or by an earlier one of the same unit that was closed).
        if (unit.recallHold && !unit.inStockLot) return outcome('ON_HOLD');
        await execute(
          SerialEntity.build(UpdateTransaction)
            .item({ gtin, serial, recallHold: recallId, inStockLot: $remove(), inStockSort: $remove(), ...audit })
            .options({ condition: { and: [{ attr: 'status', eq: 'IN_STOCK' }, { attr: 'inStockLot', exists: true }, markAsRead(unit)] } }),
          StockLotEntity.build(UpdateTransaction)
            .item({ gtin, expiry: unit.expiry, lotNumber: unit.lotNumber, available: $add(-1) })
            .options({ condition: { attr: 'available', gte: 1 } }),
        );
        return outcome('ON_HOLD');
      }
      if (!unit.recallHold) {
        await SerialEntity.build(UpdateItemCommand)
          .item({ gtin, serial, recallHold: recallId, ...audit })
          .options({ condition: { and: [{ attr: 'status', eq: unit.status }, markAsRead(unit)] } })
          .send();
      }
      return outcome(unit.status === 'SHIPPED' ? 'SHIPPED' : 'RESERVED_ON_HOLD');
    } catch (error) {
      // The unit was reserved, released or shipped meanwhile: read it again and decide again.
      if (!isConditionFailure(error) && !cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw error;
    }
  }
  throw new Error(`serial ${gtin}/${serial} kept changing while ${recallId} tried to hold it`);
}
