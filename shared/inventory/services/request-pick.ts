import { getOrder } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { openPickTask } from '../data/pick-repository.js';
import { reservationsOf } from '../data/stock-repository.js';

export interface PickTaskRequest {
  orderId: string;
  taskToken: string;
}

/** Which allocation of the order this is: a held lot that took the allocation back makes the next one a new round. */
export const pickRoundOf = (order: { reallocations?: number | undefined }) => order.reallocations ?? 0;

/**
 * Hands the allocated order to the warehouse: the order becomes READY_TO_PICK
 * and a pick task (on the work list) holds what to pick and the workflow's
 * task token, which stays in the table. The workflow then waits until a
 * packer's complete scan is confirmed (POST /v1/shipments) or the time ends.
 */
export async function requestPick(request: PickTaskRequest, settings: { timeoutSeconds: number }, now: Date = new Date()): Promise<void> {
  const order = await getOrder(request.orderId);
  if (order.status !== 'ALLOCATED' && order.status !== 'READY_TO_PICK') {
    throw new Error(`order ${order.orderId} is ${order.status}, not allocated: nothing to pick`);
  }
  const reserved = (await reservationsOf(order.orderId)).filter((reservation) => reservation.status === 'RESERVED');
  const round = pickRoundOf(order);
  const readyAt = now.toISOString();
  const pickBy = new Date(now.getTime() + settings.timeoutSeconds * 1000).toISOString();
  const lines = order.lines.map((line) => ({
    lineNo: line.lineNo,
    gtin: line.gtin,
    quantity: line.quantity,
    picks: reserved.find((reservation) => reservation.lineNo === line.lineNo)?.picks ?? [],
  }));
  const outcome = await openPickTask(
    order,
    { orderId: order.orderId, round, taskToken: request.taskToken, customerId: order.customerId, customerPo: order.customerPo, readyAt, pickBy, lines },
    { eventId: ORDER_EVENTS.READY_TO_PICK.id(round), detail: { round, pickBy } },
    readyAt,
  );
  if (outcome === 'TASK_CLOSED') throw new Error(`the pick task of order ${order.orderId} round ${round} is already closed`);
}
