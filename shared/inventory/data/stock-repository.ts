import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { $add, $remove, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { string } from 'dynamodb-toolbox/schema';
import { inStockLotKey, LotReservationEntity, SerialEntity } from './inventory-entities.js';
import { LotShipmentEntity, ReservationEntity, StockLotEntity } from './stock-entities.js';
import { cancellationCodes, conditionHeld, isConditionFailure } from '../../platform/data/errors.js';
import { cancellationReasons, executeNamed } from '../../platform/data/transaction.js';
import { backoffDelay, CONTENTION_BACKOFF } from '../../platform/domain/backoff.js';
import type { LinePlan } from '../domain/fefo.js';
import type { LotReservationStatus } from '../schemas/trace.js';
import { serialsFitTransactions } from '../domain/transaction-limits.js';
import { claimLineSerials, freeLineSerials, markSerialsShipped } from './serial-claims.js';

export type StockLotRecord = FormattedItem<typeof StockLotEntity>;

/**
 * A transaction lost to another writer: a condition no longer held
 * (ConditionalCheckFailed) or another transaction held the item
 * (TransactionConflict). Both mean "re-read and try again", never "broken".
 */
function lostRace(error: unknown): boolean {
  const codes = cancellationCodes(error);
  return codes !== undefined && codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict');
}
export type ReservationRecord = FormattedItem<typeof ReservationEntity>;
export type LotShipmentRecord = FormattedItem<typeof LotShipmentEntity>;

const lotsOfProduct = StockLotEntity.build(AccessPattern)
  .schema(string())
  .pattern((gtin) => ({ partition: `PRODUCT#${gtin}`, range: { beginsWith: 'LOT#' } }))
  .options({ consistent: true })
  .meta({ title: 'Lots of a product, earliest expiry first', description: 'Access pattern 8' });

const reservationsOfOrder = ReservationEntity.build(AccessPattern)
  .schema(string())
  .pattern((orderId) => ({ partition: `ORDER#${orderId}`, range: { beginsWith: 'RESERVATION#' } }))
  .options({ consistent: true })
  .meta({ title: 'Reservations of an order', description: 'Access pattern 10' });

const shipmentsOfLot = LotShipmentEntity.build(AccessPattern)
  .schema(string())
  .pattern((traceKey) => ({ partition: traceKey, range: { beginsWith: 'SHIPMENT#' } }))
  .meta({ title: 'Shipments of a lot', description: 'Access pattern 11' });

export async function lotsOf(gtin: string): Promise<StockLotRecord[]> {
  const { Items = [] } = await lotsOfProduct
    .query(gtin)
    .options((previous) => ({ ...previous, maxPages: Infinity }))
    .send();
  return Items;
}

export async function reservationsOf(orderId: string): Promise<ReservationRecord[]> {
  const { Items = [] } = await reservationsOfOrder.query(orderId).send();
  return Items;
}

/**
 * Every shipment of a lot. A recall must name every recipient, so all pages
 * are read: one Query page stops at 1 MB (a few thousand shipments).
 */
export async function shipmentsOf(gtin: string, lotNumber: string): Promise<LotShipmentRecord[]> {
  const { Items = [] } = await shipmentsOfLot.query(`LOT#${gtin}#${lotNumber}`).options({ maxPages: Infinity }).send();
  return Items;
}

export async function putLot(lot: InputItem<typeof StockLotEntity>): Promise<void> {
  await StockLotEntity.build(PutItemCommand).item(lot).send();
}

/** The lot-side record of an order line's hold on a lot, in the state the transaction leaves it. */
function lotReservationPut(
  line: { gtin: string; orderId: string; lineNo: number },
  pick: { lotNumber: string; quantity: number },
  status: LotReservationStatus,
  audit: StockActor,
) {
  return LotReservationEntity.build(PutTransaction).item({
    gtin: line.gtin,
    lotNumber: pick.lotNumber,
    orderId: line.orderId,
    lineNo: line.lineNo,
    quantity: pick.quantity,
    status,
    ...audit,
  });
}

/** Who writes stock for the workflow, for the stream-derived audit trail. */
export interface StockActor {
  changedBy: string;
  changeReason: string;
}
const allocation = (orderId: string, lineNo: number): StockActor => ({
  changedBy: 'system:allocate',
  changeReason: `allocation of order ${orderId} line ${lineNo}`,
});

/** Per lot, the counters decremented only while the lot is released and has the units. */
const lotDecrements = (line: Pick<LinePlan, 'gtin' | 'picks'>, audit: StockActor) =>
  line.picks.map((pick) =>
    StockLotEntity.build(UpdateTransaction)
      .item({ gtin: line.gtin, expiry: pick.expiry, lotNumber: pick.lotNumber, available: $add(-pick.quantity), reserved: $add(pick.quantity), ...audit })
      .options({
        condition: {
          and: [
            { attr: 'available', gte: pick.quantity },
            { attr: 'status', eq: 'RELEASED' },
          ],
        },
      }),
  );

/**
 * Reserves one order line on its lots: each lot is decremented only if it is
 * still released and still has the units, and each named serial only if it is
 * still in stock, so two orders racing for the last units cannot both win.
 * Returns false when a lot or serial changed under us (the caller re-plans)
 * and nothing was left reserved. A line whose serials fit one transaction is
 * reserved in one; a larger one claims its serials first (reserveInSteps).
 */
export async function reserveLine(orderId: string, line: LinePlan, audit: StockActor = allocation(orderId, line.lineNo)): Promise<boolean> {
  if (!serialsFitTransactions(line.picks)) return reserveInSteps(orderId, line, audit);
  try {
    await execute(
      ...lotDecrements(line, audit),
      ...line.picks.flatMap((pick) =>
        (pick.serials ?? []).map((serial) =>
          SerialEntity.build(UpdateTransaction)
            .item({ gtin: line.gtin, serial, status: 'RESERVED', orderId, lineNo: line.lineNo, inStockLot: $remove(), inStockSort: $remove(), ...audit })
            .options({
              condition: {
                and: [
                  { attr: 'status', eq: 'IN_STOCK' },
                  { attr: 'lotNumber', eq: pick.lotNumber },
                  { attr: 'recallHold', exists: false },
                ],
              },
            }),
        ),
      ),
      ...line.picks.map((pick) => lotReservationPut({ gtin: line.gtin, orderId, lineNo: line.lineNo }, pick, 'RESERVED', audit)),
      // A line given back earlier (an order that waited for stock) may be reserved again; a held one never twice.
      ReservationEntity.build(PutTransaction)
        .item({ orderId, lineNo: line.lineNo, gtin: line.gtin, picks: line.picks, status: 'RESERVED', ...audit })
        .options({
          condition: {
            or: [
              { attr: 'orderId', exists: false },
              { attr: 'status', eq: 'RELEASED' },
            ],
          },
        }),
    );
    return true;
  } catch (error) {
    if (lostRace(error)) return false;
    throw error;
  }
}

/**
 * A serialized line too large for one transaction: the reservation is first
 * written CLAIMING with its serials (so a crash leaves a record of what to
 * undo, and Ship ignores it), the serials are claimed in chunks, then one
 * small transaction decrements the lots and turns the reservation RESERVED.
 * Any lost race undoes the claims and returns false.
 */
async function reserveInSteps(orderId: string, line: LinePlan, audit: StockActor): Promise<boolean> {
  const opened = await conditionHeld(
    ReservationEntity.build(PutItemCommand)
      .item({ orderId, lineNo: line.lineNo, gtin: line.gtin, picks: line.picks, status: 'CLAIMING', ...audit })
      .options({
        condition: {
          or: [
            { attr: 'orderId', exists: false },
            { attr: 'status', eq: 'RELEASED' },
          ],
        },
      })
      .send(),
  );
  if (!opened) return false;
  const claiming = { orderId, lineNo: line.lineNo, gtin: line.gtin, picks: line.picks };
  if (!(await claimLineSerials(claiming, audit))) {
    await abandonClaims(claiming, audit);
    return false;
  }
  try {
    await execute(
      ...lotDecrements(line, audit),
      ...line.picks.map((pick) => lotReservationPut({ gtin: line.gtin, orderId, lineNo: line.lineNo }, pick, 'RESERVED', audit)),
      ReservationEntity.build(UpdateTransaction)
        .item({ orderId, lineNo: line.lineNo, status: 'RESERVED', ...audit })
        .options({ condition: { attr: 'status', eq: 'CLAIMING' } }),
    );
    return true;
  } catch (error) {
    if (!lostRace(error)) throw error;
    await abandonClaims(claiming, audit);
    return false;
  }
}

type LineKey = { orderId: string; lineNo: number; gtin: string; picks: LinePlan['picks'] };

/** Frees a CLAIMING line's serials (only those it holds), then closes its reservation RELEASED. */
async function abandonClaims(line: LineKey, audit: StockActor): Promise<void> {
  await freeLineSerials(line, audit);
  try {
    await ReservationEntity.build(UpdateItemCommand)
      .item({ orderId: line.orderId, lineNo: line.lineNo, status: 'RELEASED', ...audit })
      .options({ condition: { attr: 'status', eq: 'CLAIMING' } })
      .send();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction whose conditions make it safe to repeat, retrying with
 * backoff while another transaction holds one of its items
 * (TransactionConflict): a release or shipment must not fail for contention.
 */
async function withConflictRetries(write: () => Promise<unknown>, attempts = 6): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      const codes = cancellationCodes(error);
      const conflictOnly = codes?.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
      if (!conflictOnly || attempt + 1 >= attempts) throw error;
      await sleep(backoffDelay(attempt, CONTENTION_BACKOFF, Math.random()));
    }
  }
}

const release = (reservation: { orderId: string; lineNo: number }): StockActor => ({
  changedBy: 'system:release-stock',
  changeReason: `stock given back by order ${reservation.orderId} line ${reservation.lineNo}`,
});

/**
 * Gives a reservation's units back to their lots; a reservation already
 * released or shipped is left alone (false). A large serialized line gives
 * its units back and turns RELEASING in one transaction, then frees its
 * serials in chunks and ends RELEASED; a CLAIMING or RELEASING line (a crash
 * in the middle) is finished the same way.
 */
export async function releaseReservation(reservation: ReservationRecord, audit: StockActor = release(reservation)): Promise<boolean> {
  if (reservation.status === 'CLAIMING') {
    await abandonClaims(reservation, audit);
    return true;
  }
  if (reservation.status === 'RELEASING') return finishRelease(reservation, audit);
  const inTransaction = serialsFitTransactions(reservation.picks);
  try {
    await withConflictRetries(() =>
      execute(
        ...reservation.picks.map((pick) =>
          StockLotEntity.build(UpdateTransaction).item({
            gtin: reservation.gtin,
            expiry: pick.expiry,
            lotNumber: pick.lotNumber,
            available: $add(pick.quantity),
            reserved: $add(-pick.quantity),
            ...audit,
          }),
        ),
        ...(inTransaction ? reservation.picks : []).flatMap((pick) =>
          (pick.serials ?? []).map((serial) =>
            SerialEntity.build(UpdateTransaction).item({
              gtin: reservation.gtin,
              serial,
              status: 'IN_STOCK',
              orderId: $remove(),
              lineNo: $remove(),
              inStockLot: inStockLotKey(reservation.gtin, pick.lotNumber),
              inStockSort: serial,
              ...audit,
            }),
          ),
        ),
        ...reservation.picks.map((pick) => lotReservationPut(reservation, pick, 'RELEASED', audit)),
        ReservationEntity.build(UpdateTransaction)
          .item({ orderId: reservation.orderId, lineNo: reservation.lineNo, status: inTransaction ? 'RELEASED' : 'RELEASING', ...audit })
          .options({ condition: { attr: 'status', eq: 'RESERVED' } }),
      ),
    );
  } catch (error) {
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
  return inTransaction ? true : finishRelease(reservation, audit);
}

async function finishRelease(reservation: LineKey, audit: StockActor): Promise<boolean> {
  await freeLineSerials(reservation, audit);
  return conditionHeld(
    ReservationEntity.build(UpdateItemCommand)
      .item({ orderId: reservation.orderId, lineNo: reservation.lineNo, status: 'RELEASED', ...audit })
      .options({ condition: { attr: 'status', eq: 'RELEASING' } })
      .send(),
  );
}

/** A reserved lot was put on hold or rejected after allocation: its units must not leave. */
export class LotNotShippableError extends Error {
  override name = 'LotNotShippableError';
  constructor(
    readonly gtin: string,
    readonly lotNumbers: string[],
  ) {
    super(`GTIN ${gtin} lot(s) ${lotNumbers.join(', ')} are no longer released (on hold or rejected); nothing was shipped`);
  }
}

/**
 * Ships a reserved line: the units leave the lots (on hand and reserved both
 * drop) and one trace record per lot names the customer that received it.
 * A lot that is no longer RELEASED (held for a recall after the order was
 * allocated) is never shipped: nothing is written and LotNotShippableError
 * says which lots. Returns false when the line was already shipped or released.
 */
export async function shipReservation(
  reservation: ReservationRecord,
  shipment: { customerId: string; shippedAt: string },
  audit: StockActor = { changedBy: 'system:ship', changeReason: `shipment of order ${reservation.orderId} line ${reservation.lineNo}` },
): Promise<boolean> {
  // A large serialized line's serials are marked SHIPPED after its transaction (the trace record lists them already).
  const inTransaction = serialsFitTransactions(reservation.picks);
  const serials = inTransaction ? reservation.picks.flatMap((pick) => (pick.serials ?? []).map((serial) => ({ pick, serial }))) : [];
  const transaction = {
    lots: reservation.picks.map((pick) =>
      StockLotEntity.build(UpdateTransaction)
        .item({
          gtin: reservation.gtin,
          expiry: pick.expiry,
          lotNumber: pick.lotNumber,
          onHand: $add(-pick.quantity),
          reserved: $add(-pick.quantity),
          ...audit,
        })
        .options({ condition: { attr: 'status', eq: 'RELEASED' } }),
    ),
    traces: reservation.picks.map((pick) =>
      LotShipmentEntity.build(PutTransaction).item({
        gtin: reservation.gtin,
        lotNumber: pick.lotNumber,
        orderId: reservation.orderId,
        lineNo: reservation.lineNo,
        customerId: shipment.customerId,
        expiry: pick.expiry,
        quantity: pick.quantity,
        shippedAt: shipment.shippedAt,
        ...(pick.serials?.length ? { serials: pick.serials } : {}),
        ...audit,
      }),
    ),
    lotReservations: reservation.picks.map((pick) => lotReservationPut(reservation, pick, 'SHIPPED', audit)),
    serials: serials.map(({ serial }) =>
      SerialEntity.build(UpdateTransaction)
        .item({
          gtin: reservation.gtin,
          serial,
          status: 'SHIPPED',
          customerId: shipment.customerId,
          shippedAt: shipment.shippedAt,
          ...audit,
        })
        // A unit recalled after allocation never leaves, even when the rest of its lot does.
        .options({ condition: { attr: 'recallHold', exists: false } }),
    ),
    reservation: ReservationEntity.build(UpdateTransaction)
      .item({ orderId: reservation.orderId, lineNo: reservation.lineNo, status: 'SHIPPED', ...audit })
      .options({ condition: { attr: 'status', eq: 'RESERVED' } }),
  };
  try {
    await withConflictRetries(() => executeNamed(transaction));
  } catch (error) {
    const reasons = cancellationReasons(error, transaction);
    if (!reasons || !cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw error;
    if (reasons.reservation === 'ConditionalCheckFailed') return false;
    // A lot no longer released, or a unit of it held by a recall.
    const refusedSerials = serials.filter((_, index) => reasons.serials[index] === 'ConditionalCheckFailed');
    const blocked = reservation.picks
      .filter((pick, index) => reasons.lots[index] === 'ConditionalCheckFailed' || refusedSerials.some((refused) => refused.pick === pick))
      .map((pick) => pick.lotNumber);
    throw new LotNotShippableError(reservation.gtin, blocked);
  }
  if (!inTransaction) await markSerialsShipped(reservation, shipment, audit);
  return true;
}
