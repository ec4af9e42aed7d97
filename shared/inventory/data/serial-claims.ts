import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { $remove } from 'dynamodb-toolbox/entity/actions/update';
import type { LotPick } from '../domain/fefo.js';
import { inStockLotKey, SerialEntity } from './inventory-entities.js';
import { transactChunks } from '../../platform/data/transact-chunks.js';

/**
 * The serial side of a serialized order line too large for one transaction
 * (stock-repository reserveInSteps, releaseReservation, shipReservation),
 * 100 serials per transaction. Every write is conditional on the serial being
 * this line's (or, to claim, free in the planned lot), so repeating any of
 * them is harmless.
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

/**
 * Claims the line's serials (off the free-serial index). Stops at the first
 * chunk in which a serial was no longer free: the caller undoes what was claimed.
 */
export async function claimLineSerials(line: SerialLine, audit: Audit): Promise<boolean> {
  const outcome = await transactChunks(
    serialsOf(line),
    ({ serial, lotNumber }) =>
      SerialEntity.build(UpdateTransaction)
        .item({
          gtin: line.gtin,
          serial,
          status: 'RESERVED',
          orderId: line.orderId,
          lineNo: line.lineNo,
          inStockLot: $remove(),
          inStockSort: $remove(),
          ...audit,
        })
        // A unit under recall is never claimed, even if it is still listed as free.
        .options({
          condition: {
            and: [
              { attr: 'status', eq: 'IN_STOCK' },
              { attr: 'lotNumber', eq: lotNumber },
              { attr: 'recallHold', exists: false },
            ],
          },
        }),
    'stop',
  );
  return outcome.refused.length === 0 && !outcome.conflicted;
}

/** Puts back in stock every serial of the line that this line holds (others are left alone). */
export async function freeLineSerials(line: SerialLine, audit: Audit): Promise<void> {
  await transactChunks(
    serialsOf(line),
    ({ serial, lotNumber }) =>
      SerialEntity.build(UpdateTransaction)
        .item({
          gtin: line.gtin,
          serial,
          status: 'IN_STOCK',
          orderId: $remove(),
          lineNo: $remove(),
          inStockLot: inStockLotKey(line.gtin, lotNumber),
          inStockSort: serial,
          ...audit,
        })
        .options({
          condition: {
            and: [
              { attr: 'orderId', eq: line.orderId },
              { attr: 'lineNo', eq: line.lineNo },
              { attr: 'status', eq: 'RESERVED' },
            ],
          },
        }),
    'skip',
  );
}

/** Marks the shipped line's serials SHIPPED to the customer. */
export async function markSerialsShipped(line: SerialLine, shipment: { customerId: string; shippedAt: string }, audit: Audit): Promise<void> {
  await transactChunks(
    serialsOf(line),
    ({ serial }) =>
      SerialEntity.build(UpdateTransaction)
        .item({ gtin: line.gtin, serial, status: 'SHIPPED', customerId: shipment.customerId, shippedAt: shipment.shippedAt, ...audit })
        .options({
          condition: {
            and: [
              { attr: 'orderId', eq: line.orderId },
              { attr: 'lineNo', eq: line.lineNo },
            ],
          },
        }),
    'skip',
  );
}
