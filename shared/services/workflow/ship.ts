import { getOrder, recordTransition } from '../../data/order-repository.js';
import { reservationsOf, shipReservation } from '../../data/stock-repository.js';

/** Ships every reserved line and writes the lot-to-customer trace records. */
export async function shipStep(orderId: string, now: Date = new Date()): Promise<void> {
  const order = await getOrder(orderId);
  const shippedAt = now.toISOString();
  for (const reservation of await reservationsOf(orderId)) {
    if (reservation.status === 'RESERVED') await shipReservation(reservation, { customerId: order.customerId, shippedAt });
  }
  await recordTransition(order, 'SHIPPED', {}, { eventId: '06-SHIPPED', type: 'ORDER_SHIPPED', actor: 'workflow' }, shippedAt);
}
