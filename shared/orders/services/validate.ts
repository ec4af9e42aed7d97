import { findCustomer, findProducts } from '../../master-data/data/master-data-repository.js';
import { getOrder, recordTransition } from '../data/order-repository.js';
import { ORDER_EVENTS } from '../domain/order-events.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { blockingConflicts, productConflicts } from '../domain/intake-conflicts.js';
import { CONTINUE, reject, type StepOutcome } from './outcomes.js';

/**
 * The customer must exist and every line must pass the product rules intake
 * applied (shared/orders/domain/intake-conflicts.ts): master data may have changed
 * while the order was held or queued. A blocked customer is not invalid: it
 * is a credit hold, decided by a credit controller.
 */
export async function validateOrder(orderId: string, now: Date = new Date()): Promise<StepOutcome> {
  const order = await getOrder(orderId);
  const [customer, products] = await Promise.all([findCustomer(order.customerId), findProducts(order.lines.map((line) => line.gtin))]);
  const problems: string[] = [];
  if (!customer) problems.push(`customer ${order.customerId} does not exist`);
  const facts = { products, knownCandidates: new Set<string>(), orderDate: utcDateOf(now) };
  problems.push(...blockingConflicts(productConflicts(order.lines, facts)).map((conflict) => conflict.message));
  if (problems.length > 0) return reject(problems.join('; '));
  await recordTransition(order, 'VALIDATED', {}, { ...ORDER_EVENTS.VALIDATED.of(), actor: 'workflow' }, now.toISOString());
  return CONTINUE;
}
