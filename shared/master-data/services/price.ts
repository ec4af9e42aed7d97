import { getOrder, recordTransition } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { conflictDecision, priceOrder, type PriceConflictHandling } from '../domain/pricing.js';
import { pricingInputsAsOf } from './pricing-data.js';
import { CONTINUE, reject, type StepOutcome } from '../../orders/services/outcomes.js';

/**
 * What a price conflict (the channel sent another unit price than the
 * computed one) does to an order, per channel. REVIEW: the approval policy's
 * PRICE_DIFFERS_FROM_EXPECTED approval (sales) must be given before the order
 * goes on; PROCEED: it goes on at the computed price without that approval.
 * Either way the line keeps the computed price and the conflict, and the
 * ORDER_PRICED event records the decision. Batch files re-send the buyer's
 * catalogue prices, which are often stale, so they proceed.
 */
export const PRICE_CONFLICT_POLICY: Readonly<Record<string, PriceConflictHandling>> = { portal: 'REVIEW', edi: 'REVIEW', batch: 'PROCEED' };

/** Whether a channel's price conflicts go to review (the approval policy) or proceed at the computed price. */
export function priceConflictsNeedReview(channel: string): boolean {
  return (PRICE_CONFLICT_POLICY[channel] ?? 'REVIEW') === 'REVIEW';
}

/**
 * Prices every line with the master data in force when the order was
 * placed and freezes the price, its explanation and any price conflict on
 * the line: shipment and invoice use these prices unchanged, whatever
 * happens to the price lists afterwards. From here the order counts towards
 * the customer's credit exposure (the sparse index keys).
 */
export async function priceOrderStep(orderId: string, now: Date = new Date()): Promise<StepOutcome> {
  const order = await getOrder(orderId);
  const asOf = order.created;
  const inputs = await pricingInputsAsOf(order.customerId, asOf);
  if (!inputs) return reject(`customer ${order.customerId} does not exist`);
  const { customer, data } = inputs;
  const context = {
    customerId: customer.customerId,
    customerGroup: customer.customerGroup,
    channel: order.channel,
    orderDate: utcDateOf(new Date(asOf)),
    currency: customer.currency,
  };
  const result = priceOrder(order.lines, context, data);
  if (result.outcome === 'UNPRICEABLE') return reject(result.reason);
  const decision = conflictDecision(result.conflicts, order.channel, PRICE_CONFLICT_POLICY);
  await recordTransition(
    order,
    'PRICED',
    {
      lines: result.lines,
      currency: result.currency,
      total: result.total,
      exposureCustomer: order.customerId,
      exposureSort: `ORDER#${order.orderId}`,
      exposureAmount: result.total,
    },
    {
      ...ORDER_EVENTS.PRICED.of(),
      actor: 'workflow',
      detail: {
        total: result.total,
        currency: result.currency,
        pricedAsOf: asOf,
        priceSources: result.lines.map((line) => `${line.lineNo}: ${line.priceSource}`),
        priceConflictLines: result.conflicts,
        priceConflictHandling: decision.handling,
        priceConflictDetail: decision.detail,
      },
    },
    now.toISOString(),
  );
  return CONTINUE;
}
