import { getOrder, recordTransition } from '../data/order-repository.js';
import { ORDER_EVENTS } from '../domain/order-events.js';
import { closePickTask, latestPickTask } from '../../inventory/data/pick-repository.js';
import { releaseAll } from '../../inventory/services/allocate.js';
import type { CloseStatus } from '../schemas/workflow.js';

export interface CloseRequest {
  orderId: string;
  status: CloseStatus;
  reason: string;
}

/**
 * Every end other than success comes here: reserved stock goes back to its
 * lots, the order stops counting towards credit exposure, and it gets its
 * final status with the reason. Safe to run twice.
 */
export async function closeOrder(request: CloseRequest, now: Date = new Date()): Promise<void> {
  const released = await releaseAll(request.orderId);
  // An order stopped while the warehouse had it (a recall, a technical failure) leaves the work list.
  const pick = await latestPickTask(request.orderId);
  if (pick?.status === 'PENDING') await closePickTask(request.orderId, pick.round, 'CANCELLED', `order closed: ${request.reason}`);
  const order = await getOrder(request.orderId);
  if (order.status === 'REJECTED' || order.status === 'FAILED' || order.status === 'ARCHIVED') return;
  await recordTransition(
    order,
    request.status,
    { statusReason: request.reason, remove: ['exposureCustomer', 'exposureSort', 'exposureAmount'] },
    {
      ...ORDER_EVENTS[request.status].of(),
      actor: 'workflow',
      detail: { reason: request.reason, releasedReservations: released },
    },
    now.toISOString(),
  );
}
