import { $set, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import { OrderEntity } from '../../shared/data/entities/orders.js';
import { getOrder } from '../../shared/data/order-repository.js';

/**
 * Stands in for an order edit (the order change API comes later): changes the
 * first line's quantity in the table, as an edit would, so tests can check
 * that a signature over the previous content is refused.
 */
export async function changeOrderQuantity(orderId: string, quantity: number): Promise<void> {
  const order = await getOrder(orderId);
  const lines = order.lines.map((line, index) => (index === 0 ? { ...line, quantity } : line));
  await OrderEntity.build(UpdateItemCommand).item({ orderId, lines: $set(lines) }).send();
}
