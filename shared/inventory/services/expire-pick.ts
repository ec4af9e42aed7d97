import { getOrder } from '../../orders/data/order-repository.js';
import { closePickTask } from '../data/pick-repository.js';
import { pickTimeoutOutcome, type PickTimeoutOutcome } from '../domain/pick-confirmation.js';
import { pickRoundOf } from './request-pick.js';

/**
 * The warehouse's time ran out. The task is closed as EXPIRED unless a
 * confirmation won the race for it, in which case the scanned goods ship;
 * otherwise the workflow rejects the order (its close step gives the stock back).
 */
export async function expirePickStep(orderId: string, timeoutSeconds: number): Promise<PickTimeoutOutcome> {
  const order = await getOrder(orderId);
  const round = pickRoundOf(order);
  const decision = pickTimeoutOutcome(undefined, timeoutSeconds);
  const task = await closePickTask(orderId, round, 'EXPIRED', decision.outcome === 'REJECT' ? decision.reason : 'expired');
  return pickTimeoutOutcome(task?.status, timeoutSeconds);
}
