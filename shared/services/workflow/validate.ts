import { findCustomer, findProducts } from '../../data/master-data-repository.js';
import { getOrder, recordTransition } from '../../data/order-repository.js';
import { CONTINUE, reject, type StepOutcome } from './outcomes.js';

/**
 * The customer must exist and every product must exist and be released for
 * sale. A blocked customer is not invalid: it is a credit hold, decided by a
 * credit controller.
 */
export async function validateOrder(orderId: string, now: Date = new Date()): Promise<StepOutcome> {
  const order = await getOrder(orderId);
  const [customer, products] = await Promise.all([
    findCustomer(order.customerId),
    findProducts(order.lines.map((line) => line.gtin)),
  ]);
  const problems: string[] = [];
  if (!customer) problems.push(`customer ${order.customerId} does not exist`);
  for (const line of order.lines) {
    const product = products.get(line.gtin);
    if (!product) problems.push(`line ${line.lineNo}: product ${line.gtin} does not exist`);
    else if (product.regulatoryStatus !== 'RELEASED') problems.push(`line ${line.lineNo}: product ${line.gtin} is on regulatory hold`);
  }
  if (problems.length > 0) return reject(problems.join('; '));
  await recordTransition(order, 'VALIDATED', {}, { eventId: '01-VALIDATED', type: 'ORDER_VALIDATED', actor: 'workflow' }, now.toISOString());
  return CONTINUE;
}
