import { findCustomer, findProducts } from '../../data/master-data-repository.js';
import { getOrder, recordTransition } from '../../data/order-repository.js';
import { CONTINUE, reject, type StepOutcome } from './outcomes.js';

/** The customer must exist and be active; every product must exist and be released for sale. */
export async function validateOrder(orderId: string, now: Date = new Date()): Promise<StepOutcome> {
  const order = await getOrder(orderId);
  const [customer, products] = await Promise.all([
    findCustomer(order.customerId),
    findProducts(order.lines.map((line) => line.gtin)),
  ]);
  const problems: string[] = [];
  if (!customer) problems.push(`customer ${order.customerId} does not exist`);
  else if (customer.status !== 'ACTIVE') problems.push(`customer ${order.customerId} is ${customer.status.toLowerCase()}`);
  for (const line of order.lines) {
    const product = products.get(line.gtin);
    if (!product) problems.push(`line ${line.lineNo}: product ${line.gtin} does not exist`);
    else if (product.regulatoryStatus !== 'RELEASED') problems.push(`line ${line.lineNo}: product ${line.gtin} is on regulatory hold`);
  }
  if (problems.length > 0) return reject(problems.join('; '));
  await recordTransition(order, 'VALIDATED', {}, { eventId: '01-VALIDATED', type: 'ORDER_VALIDATED', actor: 'workflow' }, now.toISOString());
  return CONTINUE;
}
