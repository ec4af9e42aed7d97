import { getOrder, recordTransition } from '../../data/order-repository.js';
import { emitAdvanceShipNotice } from '../../data/shipment-repository.js';
import { findStockLot } from '../../data/inventory-repository.js';
import { reservationsOf, shipReservation, type ReservationRecord } from '../../data/stock-repository.js';
import { buildAsn, toX12 } from '../../domain/asn.js';
import { CONTINUE, reject, type StepOutcome } from './outcomes.js';

/** Lots of the reservations that are no longer RELEASED (held for a recall, rejected), by GTIN. */
async function unshippableLots(reservations: readonly ReservationRecord[]): Promise<string[]> {
  const problems: string[] = [];
  for (const reservation of reservations) {
    const lots = await Promise.all(reservation.picks.map((pick) => findStockLot(reservation.gtin, pick.expiry, pick.lotNumber)));
    const blocked = reservation.picks.filter((_, index) => lots[index]?.status !== 'RELEASED').map((pick) => pick.lotNumber);
    if (blocked.length > 0) problems.push(`${reservation.gtin} lot(s) ${blocked.join(', ')}`);
  }
  return problems;
}

/** Until warehouses are master data, every shipment leaves the one distribution center. */
export const SHIP_FROM = { name: 'Distribution center', id: 'DC1' };

/** One shipment per order (the whole allocation ships together): its id follows from the order. */
export const shipmentIdOf = (orderId: string) => orderId.replace(/^ORD-/, 'SHP-');

/**
 * Ships every reserved line, writes the lot-to-customer trace records, and
 * emits the advance ship notice (X12 856 structure: shipment, order, items
 * with lot, expiry and serials) as an event.
 */
export async function shipStep(orderId: string, now: Date = new Date()): Promise<StepOutcome> {
  const order = await getOrder(orderId);
  const shippedAt = now.toISOString();
  const toShip = (await reservationsOf(orderId)).filter((reservation) => reservation.status === 'RESERVED');
  // Check every lot first, so that a held lot on one line does not leave the order half shipped
  // (each line's shipment also re-checks its lots in its own transaction). A held lot is a
  // business outcome: the order is rejected and its reservations given back, nothing ships.
  const blocked = await unshippableLots(toShip);
  if (blocked.length > 0) return reject(`not shipped: ${blocked.join('; ')} no longer released (on hold or rejected)`);
  for (const reservation of toShip) await shipReservation(reservation, { customerId: order.customerId, shippedAt });
  const shipped = (await reservationsOf(orderId)).filter((reservation) => reservation.status === 'SHIPPED');
  const asn = buildAsn({
    shipmentId: shipmentIdOf(orderId),
    shippedAt,
    shipFrom: SHIP_FROM,
    shipTo: order.shipTo,
    order: { orderId, customerPo: order.customerPo, customerId: order.customerId },
    lines: shipped.map(({ lineNo, gtin, picks }) => ({ lineNo, gtin, picks })),
  });
  await emitAdvanceShipNotice(orderId, asn, toX12(asn), shippedAt);
  await recordTransition(order, 'SHIPPED', {}, { eventId: '06-SHIPPED', type: 'ORDER_SHIPPED', actor: 'workflow', detail: { shipmentId: asn.bsn.shipmentId } }, shippedAt);
  return CONTINUE;
}
