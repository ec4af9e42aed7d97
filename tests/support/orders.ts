import { $set, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import { OrderEntity } from '../../shared/orders/data/entities.js';
import { createOrder, getOrder } from '../../shared/orders/data/order-repository.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';
import { uniqueId } from './fixtures.js';

/**
 * Stands in for an order edit (the order change API comes later): changes the
 * first line's quantity in the table, as an edit would, so tests can check
 * that a signature over the previous content is refused.
 */
export async function changeOrderQuantity(orderId: string, quantity: number): Promise<void> {
  const order = await getOrder(orderId);
  const lines = order.lines.map((line, index) => (index === 0 ? { ...line, quantity } : line));
  await OrderEntity.build(UpdateItemCommand)
    .item({ orderId, lines: $set(lines) })
    .send();
}

/**
 * An order written straight to the table as APPROVED, ready for the Allocate
 * step: for tests of allocation at the data and service layers, without a
 * workflow.
 */
export async function givenApprovedOrder(customerId: string, lines: { gtin: string; quantity: number }[]): Promise<string> {
  const orderId = newOrderId();
  await createOrder(
    {
      orderId,
      status: 'APPROVED',
      channel: 'portal',
      submittedBy: 'client:test',
      customerId,
      customerPo: uniqueId('PO'),
      shipTo: { name: 'Test', line1: '1 Road', city: 'Town', postalCode: '1', country: 'US' },
      lines: lines.map((line, index) => ({ lineNo: index + 1, ...line })),
    },
    { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'test' },
    new Date().toISOString(),
  );
  return orderId;
}
