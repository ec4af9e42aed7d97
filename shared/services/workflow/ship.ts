import { getOrder, recordTransition } from '../../data/order-repository.js';
import { emitAdvanceShipNotice } from '../../data/shipment-repository.js';
import { reservationsOf, shipReservation } from '../../data/stock-repository.js';
import { buildAsn, toX12 } from '../../domain/asn.js';

/** Until warehouses are master data, every shipment leaves the one distribution center. */
export const SHIP_FROM = { name: 'Distribution center', id: 'DC1' };

/** One shipment per order (the whole allocation ships together): its id follows from the order. */
export const shipmentIdOf = (orderId: string) => orderId.replace(/^ORD-/, 'SHP-');

/**
 * Ships every reserved line, writes the lot-to-customer trace records, and
 * emits the advance ship notice (X12 856 structure: shipment, order, items
 * with lot, expiry and serials) as an event.
 */
export async function shipStep(orderId: string, now: Date = new Date()): Promise<void> {
  const order = await getOrder(orderId);
  const shippedAt = now.toISOString();
  for (const reservation of await reservationsOf(orderId)) {
    if (reservation.status === 'RESERVED') await shipReservation(reservation, { customerId: order.customerId, shippedAt });
  }
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
}
