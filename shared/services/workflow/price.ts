import { findCustomer, loadPriceList } from '../../data/master-data-repository.js';
import { getOrder, recordTransition } from '../../data/order-repository.js';
import { priceOrder } from '../../domain/pricing.js';
import { CONTINUE, reject, type StepOutcome } from './outcomes.js';

/**
 * Freezes a price on every line from the customer's price list. From here the
 * order counts towards the customer's credit exposure (the sparse index keys).
 */
export async function priceOrderStep(orderId: string, now: Date = new Date()): Promise<StepOutcome> {
  const order = await getOrder(orderId);
  const customer = await findCustomer(order.customerId);
  if (!customer) return reject(`customer ${order.customerId} does not exist`);
  const priceList = await loadPriceList(customer.priceListId, order.lines.map((line) => line.gtin));
  if (!priceList) return reject(`price list ${customer.priceListId} of customer ${customer.customerId} does not exist`);
  const result = priceOrder(order.lines, priceList);
  if (result.outcome === 'UNPRICEABLE') return reject(result.reason);
  await recordTransition(
    order,
    'PRICED',
    {
      // List price is kept beside the net price so discount rules can compare them.
      lines: result.lines.map((line) => ({ ...line, listPrice: line.unitPrice })),
      currency: result.currency,
      total: result.total,
      exposureCustomer: order.customerId,
      exposureSort: `ORDER#${order.orderId}`,
      exposureAmount: result.total,
    },
    {
      eventId: '02-PRICED',
      type: 'ORDER_PRICED',
      actor: 'workflow',
      detail: { total: result.total, currency: result.currency, priceDeviationLines: result.deviations },
    },
    now.toISOString(),
  );
  return CONTINUE;
}
