import { getOrder, recordTransition, type OrderRecord } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { emitAdvanceShipNotice } from '../data/shipment-repository.js';
import { findSerial, findStockLot } from '../data/inventory-repository.js';
import { reservationsOf, shipReservation, type ReservationRecord } from '../data/stock-repository.js';
import { findPickTask } from '../data/pick-repository.js';
import { buildAsn, toX12 } from '../domain/asn.js';
import { pickMatchesAllocation } from '../domain/pick-confirmation.js';
import type { ShipFrom } from '../schemas/shipment.js';
import { pickRoundOf } from './request-pick.js';
import { releaseAll } from './allocate.js';
import { CONTINUE, type StepOutcome } from '../../orders/services/outcomes.js';

/** Lots of the reservations that are no longer RELEASED (held for a recall, rejected), and serials held by a recall, by GTIN. */
async function unshippableLots(reservations: readonly ReservationRecord[]): Promise<string[]> {
  const problems: string[] = [];
  for (const reservation of reservations) {
    const lots = await Promise.all(reservation.picks.map((pick) => findStockLot(reservation.gtin, pick.expiry, pick.lotNumber)));
    const blocked = reservation.picks.filter((_, index) => lots[index]?.status !== 'RELEASED').map((pick) => pick.lotNumber);
    if (blocked.length > 0) problems.push(`${reservation.gtin} lot(s) ${blocked.join(', ')}`);
    const units = await Promise.all(reservation.picks.flatMap((pick) => (pick.serials ?? []).map((serial) => findSerial(reservation.gtin, serial))));
    const recalled = units.flatMap((unit) => (unit?.recallHold ? [unit.serial] : []));
    if (recalled.length > 0) problems.push(`${reservation.gtin} serial(s) ${recalled.join(', ')} (recalled)`);
  }
  return problems;
}

/** One shipment per order (the whole allocation ships together): its id follows from the order. */
export const shipmentIdOf = (orderId: string) => orderId.replace(/^ORD-/, 'SHP-');

const reallocate = (reason: string): StepOutcome => ({ outcome: 'REALLOCATE', reason });

/**
 * A lot of the allocation was held (a quality hold, a recall) or rejected
 * after the order was allocated: nothing ships, the order gives its whole
 * allocation back and is allocated again from released stock (or waits for
 * stock). The order is moved first, so a retry after a crash between the two
 * writes finds it moved and only finishes giving the stock back.
 */
async function giveBackForReallocation(order: OrderRecord, blocked: string[], now: Date): Promise<StepOutcome> {
  const reason = `not shipped: ${blocked.join('; ')} no longer released (on hold or rejected); allocating again`;
  const round = (order.reallocations ?? 0) + 1;
  await recordTransition(
    order,
    'AWAITING_STOCK',
    { statusReason: reason, reallocations: round, lines: order.lines.map(({ allocations: _taken, ...line }) => line), remove: ['awaitingStockSince'] },
    { ...ORDER_EVENTS.ALLOCATION_WITHDRAWN.of(round), actor: 'workflow', detail: { blocked } },
    now.toISOString(),
  );
  await releaseAll(order.orderId);
  return reallocate(reason);
}

/**
 * Ships every reserved line, writes the lot-to-customer trace records, and
 * emits the advance ship notice (X12 856 structure: shipment, order, items
 * with lot, expiry and serials) as an event. It runs only after the
 * warehouse confirmed a complete scan of this allocation, and ships only
 * when the reservations are exactly what was scanned.
 */
export async function shipStep(orderId: string, shipFrom: ShipFrom, now: Date = new Date()): Promise<StepOutcome> {
  const order = await getOrder(orderId);
  if (order.status === 'AWAITING_STOCK') {
    // A retry after the allocation was withdrawn: finish giving the stock back.
    await releaseAll(orderId);
    return reallocate(order.statusReason ?? 'allocation withdrawn');
  }
  const shippedAt = now.toISOString();
  const toShip = (await reservationsOf(orderId)).filter((reservation) => reservation.status === 'RESERVED');
  // Check every lot first, so that a held lot on one line does not leave the order half shipped
  // (each line's shipment also re-checks its lots in its own transaction). A held lot is a
  // business outcome: the order is rejected and its reservations given back, nothing ships.
  const blocked = await unshippableLots(toShip);
  if (blocked.length > 0) return giveBackForReallocation(order, blocked, now);
  const pick = await findPickTask(orderId, pickRoundOf(order));
  if (pick?.status !== 'CONFIRMED' || !pick.picked)
    throw new Error(`order ${orderId}: no confirmed scan of allocation round ${pickRoundOf(order)}; nothing shipped`);
  // A retry after some lines shipped compares the whole allocation, shipped lines included.
  const allocation = (await reservationsOf(orderId)).filter((reservation) => reservation.status !== 'RELEASED');
  if (!pickMatchesAllocation(pick.picked, allocation)) throw new Error(`order ${orderId}: the reservations differ from the confirmed scan; nothing shipped`);
  for (const reservation of toShip) await shipReservation(reservation, { customerId: order.customerId, shippedAt });
  const shipped = (await reservationsOf(orderId)).filter((reservation) => reservation.status === 'SHIPPED');
  const asn = buildAsn({
    shipmentId: shipmentIdOf(orderId),
    shippedAt,
    shipFrom,
    shipTo: order.shipTo,
    order: { orderId, customerPo: order.customerPo, customerId: order.customerId },
    lines: shipped.map(({ lineNo, gtin, picks }) => ({ lineNo, gtin, picks })),
  });
  await emitAdvanceShipNotice(orderId, asn, toX12(asn), shippedAt);
  await recordTransition(
    order,
    'SHIPPED',
    {},
    {
      ...ORDER_EVENTS.SHIPPED.of(),
      actor: 'workflow',
      detail: { shipmentId: asn.bsn.shipmentId, shipFrom: shipFrom.gln ?? shipFrom.id, pickedBy: pick.confirmedBy, pickedAt: pick.confirmedAt },
    },
    shippedAt,
  );
  return CONTINUE;
}
