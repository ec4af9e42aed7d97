import { z } from 'zod';
import { OrderId } from '../schemas/order.js';

/** The table key of an order item, ORDER#{orderId}; parsed, it is the order id. */
const OrderKey = z
  .string()
  .startsWith('ORDER#')
  .transform((key) => key.slice('ORDER#'.length))
  .pipe(OrderId);

const ReceivedOrderImage = z.object({
  _et: z.literal('Order'),
  SK: z.literal('ORDER'),
  PK: OrderKey,
  status: z.literal('RECEIVED'),
});
const StatusOf = z.object({ status: z.string() });

/**
 * The order whose workflow must be running because of this table change: an
 * order written as RECEIVED, or a held order released to RECEIVED (kept).
 * The table write is the commitment; the table stream makes sure a workflow
 * follows it even when the writer died between its write and its
 * StartExecution (a transactional outbox without an outbox item).
 */
export function orderEnteringReceived(
  eventName: string | undefined,
  newImage: Record<string, unknown> | undefined,
  oldImage: Record<string, unknown> | undefined,
): string | undefined {
  if (eventName !== 'INSERT' && eventName !== 'MODIFY') return undefined;
  const order = ReceivedOrderImage.safeParse(newImage);
  if (!order.success) return undefined;
  if (eventName === 'MODIFY' && StatusOf.safeParse(oldImage).data?.status === 'RECEIVED') return undefined;
  return order.data.PK;
}
