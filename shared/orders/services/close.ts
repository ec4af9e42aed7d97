import { getOrder, recordTransition } from '../data/order-repository.js';
import { ORDER_EVENTS } from '../domain/order-events.js';
import { closingOf } from '../domain/closure.js';
import { closePickTask, latestPickTask } from '../../inventory/data/pick-repository.js';
import { anyGoodsShipped, releaseAll } from '../../inventory/services/allocate.js';
import type { OrderStatus } from '../schemas/order.js';
import type { CloseStatus } from '../schemas/workflow.js';

export interface CloseRequest {
  orderId: string;
  status: CloseStatus;
  reason: string;
}

/** Statuses an order has only once its goods left the warehouse. */
const SHIPPED_STATUSES: ReadonlySet<OrderStatus> = new Set(['SHIPPED', 'INVOICED', 'ARCHIVED']);

/**
 * Every end other than success comes here, and every order the workflow
 * could not finish (NEEDS_ATTENTION). The close rule (closingOf) decides: an
 * order whose goods shipped needs attention and keeps its shipment and
 * exposure; otherwise reserved stock goes back to its lots, and a REJECTED or
 * FAILED order stops counting towards credit exposure. The order gets its
 * status with the reason. Safe to run twice.
 */
export async function closeOrder(request: CloseRequest, now: Date = new Date()): Promise<void> {
  const order = await getOrder(request.orderId);
  const goodsShipped = SHIPPED_STATUSES.has(order.status) || (await anyGoodsShipped(request.orderId));
  const closing = closingOf(request.status, { status: order.status, goodsShipped });
  // A close that runs again after its status was written still finishes giving stock back.
  const release = closing.close ? closing.releaseStock : (order.status === 'REJECTED' || order.status === 'FAILED') && !goodsShipped;
  const released = release ? await releaseAll(request.orderId) : 0;
  // An order stopped while the warehouse had it (a recall, a technical failure) leaves the work list.
  const pick = await latestPickTask(request.orderId);
  if (pick?.status === 'PENDING' && !goodsShipped) await closePickTask(request.orderId, pick.round, 'CANCELLED', `order closed: ${request.reason}`);
  if (!closing.close) return;
  await recordTransition(
    order,
    closing.status,
    { statusReason: request.reason, remove: closing.endExposure ? ['exposureCustomer', 'exposureSort', 'exposureAmount'] : [] },
    {
      ...ORDER_EVENTS[closing.status].of(),
      actor: 'workflow',
      detail: { reason: request.reason, releasedReservations: released, ...(closing.status === request.status ? {} : { requested: request.status }) },
    },
    now.toISOString(),
  );
}
