import { $remove, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import type { LotPick } from '../domain/fefo.js';
import { chunks, SERIAL_WRITE_CONCURRENCY } from '../domain/transaction-limits.js';
import { inStockLotKey, SerialEntity } from './entities/inventory.js';
import { isConditionFailure } from './errors.js';
import { mapLimited } from './parallel.js';

/**
 * The serial side of a serialized order line too large for one transaction
 * (stock-repository reserveInSteps, releaseReservation, shipReservation).
 * Every write is conditional on the serial being this line's (or, to claim,
 * free in the planned lot), so repeating any of them is harmless.
 */
interface SerialLine {
  orderId: string;
  lineNo: number;
  gtin: string;
  picks: readonly LotPick[];
}
interface Audit {
  changedBy: string;
  changeReason: string;
}

const serialsOf = (line: SerialLine) => line.picks.flatMap((pick) => (pick.serials ?? []).map((serial) => ({ serial, lotNumber: pick.lotNumber })));

/** Runs `write` over the line's serials; a failed condition counts as "not done" and is otherwise ignored. */
async function conditional(items: readonly { serial: string; lotNumber: string }[], write: (item: { serial: string; lotNumber: string }) => Promise<unknown>): Promise<boolean[]> {
  return mapLimited(items, SERIAL_WRITE_CONCURRENCY, async (item) => {
    try {
      await write(item);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  });
}

/**
 * Claims the line's serials chunk by chunk (each chunk in parallel), taking
 * them off the free-serial index. Stops after the first chunk in which a
 * serial was no longer free: the caller undoes what was claimed.
 */
export async function claimLineSerials(line: SerialLine, audit: Audit): Promise<boolean> {
  for (const chunk of chunks(serialsOf(line), SERIAL_WRITE_CONCURRENCY)) {
    const claimed = await conditional(chunk, ({ serial, lotNumber }) =>
      SerialEntity.build(UpdateItemCommand)
        .item({ gtin: line.gtin, serial, status: 'RESERVED', orderId: line.orderId, lineNo: line.lineNo, inStockLot: $remove(), inStockSort: $remove(), ...audit })
        .options({ condition: { and: [{ attr: 'status', eq: 'IN_STOCK' }, { attr: 'lotNumber', eq: lotNumber }] } })
        .send(),
    );
    if (claimed.includes(false)) return false;
  }
  return true;
}

/** Puts back in stock every serial of the line that this line holds (others are left alone). */
export async function freeLineSerials(line: SerialLine, audit: Audit): Promise<void> {
  await conditional(serialsOf(line), ({ serial, lotNumber }) =>
    SerialEntity.build(UpdateItemCommand)
      .item({ gtin: line.gtin, serial, status: 'IN_STOCK', orderId: $remove(), lineNo: $remove(), inStockLot: inStockLotKey(line.gtin, lotNumber), inStockSort: serial, ...audit })
      .options({ condition: { and: [{ attr: 'orderId', eq: line.orderId }, { attr: 'lineNo', eq: line.lineNo }, { attr: 'status', eq: 'RESERVED' }] } })
      .send(),
  );
}

/** Marks the shipped line's serials SHIPPED to the customer. */
export async function markSerialsShipped(line: SerialLine, shipment: { customerId: string; shippedAt: string }, audit: Audit): Promise<void> {
  await conditional(serialsOf(line), ({ serial }) =>
    SerialEntity.build(UpdateItemCommand)
      .item({ gtin: line.gtin, serial, status: 'SHIPPED', customerId: shipment.customerId, shippedAt: shipment.shippedAt, ...audit })
      .options({ condition: { and: [{ attr: 'orderId', eq: line.orderId }, { attr: 'lineNo', eq: line.lineNo }] } })
      .send(),
  );
}
