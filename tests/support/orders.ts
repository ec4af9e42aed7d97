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

/**
 * A one-line order written straight to the table past intake (VALIDATED by default): an order written as RECEIVED
 * would get its workflow from the table stream's relay. For tests of what the stream's consumers make of orders.
 */
export async function givenOrderAtRest(orderId: string, submittedBy: string, status: 'VALIDATED' | 'APPROVED' = 'VALIDATED'): Promise<void> {
  await createOrder(
    {
      orderId,
      status,
      channel: 'portal',
      submittedBy,
      customerId: uniqueId('CUST'),
      customerPo: uniqueId('PO'),
      shipTo: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' },
      lines: [{ lineNo: 1, gtin: '05012345678900', quantity: 1 }],
    },
    { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: submittedBy },
    new Date().toISOString(),
  );
}
