import { ConcurrentModificationError } from '../../platform/data/errors.js';
import { findOrder, mergeOrders, recordTransition, type OrderChanges, type OrderRecord } from '../data/order-repository.js';
import { ORDER_EVENTS } from '../domain/order-events.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { mergeLimitProblem, mergeLines, mergeTarget } from '../domain/order-merge.js';
import { priceOrder } from '../../master-data/domain/pricing.js';
import type { OrderStatus } from '../schemas/order.js';
import { mayRead, type OrderReader } from '../domain/order-readers.js';
import { startWorkflow } from './start-workflow.js';
import { pricingInputsAsOf } from '../../master-data/services/pricing-data.js';

/** A partner's client resolves only the orders it submitted; order-desk staff resolve any. The principal is recorded as changedBy. */
export type Resolver = OrderReader;

export type Resolution =
  | { outcome: 'DONE'; orderId: string; status: OrderStatus; mergedInto?: string | undefined; alreadyDone: boolean }
  | { outcome: 'NOT_FOUND'; detail: string }
  /** The request is well formed but names something that cannot take part (422). */
  | { outcome: 'INVALID'; detail: string }
  /** The orders are not in a state that allows it (409). */
  | { outcome: 'CONFLICT'; detail: string };

const MAX_ATTEMPTS = 4;

const visibleTo = (order: OrderRecord | undefined, resolver: Resolver): order is OrderRecord => order !== undefined && mayRead(order, resolver);

const done = (order: Pick<OrderRecord, 'orderId' | 'status' | 'mergedInto'>, alreadyDone: boolean): Resolution => ({
  outcome: 'DONE',
  orderId: order.orderId,
  status: order.status,
  mergedInto: order.mergedInto,
  alreadyDone,
});

const notFound = (orderId: string): Resolution => ({ outcome: 'NOT_FOUND', detail: `Order ${orderId} does not exist or is not visible to this caller.` });
const notHeld = (order: OrderRecord, action: string): Resolution => ({
  outcome: 'CONFLICT',
  detail: `Order ${order.orderId} is ${order.status}; only an order held as POSSIBLE_DUPLICATE can be ${action}.`,
});

/** Re-reads and tries again when another writer changed an order between our read and our conditional write. */
async function withRetries(attempt: () => Promise<Resolution>): Promise<Resolution> {
  for (let i = 1; i <= MAX_ATTEMPTS; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentModificationError) || i === MAX_ATTEMPTS) throw error;
    }
  }
  throw new Error('unreachable');
}

/**
 * Merges a held order into an earlier open order of the same customer: the
 * lines are combined, the target is priced again when it already carried
 * prices (see mergeTarget for which targets and why), both POs are kept and
 * the held order is closed as MERGED. Idempotent: merging again into the same
 * target answers the first result.
 */
export async function mergeHeldOrder(heldId: string, targetId: string, resolver: Resolver, now: Date = new Date()): Promise<Resolution> {
  return withRetries(async () => {
    const held = await findOrder(heldId);
    if (!visibleTo(held, resolver)) return notFound(heldId);
    if (held.status === 'MERGED' && held.mergedInto === targetId) return done(held, true);
    if (held.status !== 'POSSIBLE_DUPLICATE') return notHeld(held, 'merged');
    if (targetId === heldId) return { outcome: 'INVALID', detail: 'An order cannot be merged into itself.' };
    const target = await findOrder(targetId);
    if (!visibleTo(target, resolver)) return { outcome: 'INVALID', detail: `Target order ${targetId} does not exist or is not visible to this caller.` };
    if (target.customerId !== held.customerId) {
      return { outcome: 'INVALID', detail: `Target order ${targetId} is of customer ${target.customerId}, not ${held.customerId}.` };
    }
    const check = mergeTarget(target.status);
    if (!check.mergeable) return { outcome: 'CONFLICT', detail: `Order ${targetId} cannot take the merge: ${check.reason}.` };

    const lines = mergeLines(target.lines, held.lines);
    const limitProblem = mergeLimitProblem(lines);
    if (limitProblem) return { outcome: 'CONFLICT', detail: `Order ${held.orderId} cannot be merged into ${targetId}: ${limitProblem}.` };
    const changes: Omit<OrderChanges, 'remove'> = {
      lines,
      additionalCustomerPos: [...(target.additionalCustomerPos ?? []), held.customerPo],
      mergedFrom: [...(target.mergedFrom ?? []), held.orderId],
    };
    if (check.reprice) {
      // Priced as the Price step prices: the master data as of the target's creation, on its order date.
      const inputs = await pricingInputsAsOf(target.customerId, target.created);
      if (!inputs) return { outcome: 'CONFLICT', detail: `Customer ${target.customerId} does not exist.` };
      const { customer, data } = inputs;
      const priced = priceOrder(
        lines,
        {
          customerId: customer.customerId,
          customerGroup: customer.customerGroup,
          channel: target.channel,
          orderDate: utcDateOf(new Date(target.created)),
          currency: customer.currency,
        },
        data,
      );
      if (priced.outcome === 'UNPRICEABLE') return { outcome: 'CONFLICT', detail: `The combined order cannot be priced: ${priced.reason}.` };
      Object.assign(
        changes,
        { lines: priced.lines, total: priced.total, currency: priced.currency },
        target.exposureCustomer ? { exposureAmount: priced.total } : {},
      );
    }
    await mergeOrders(
      {
        held,
        target,
        targetChanges: changes,
        changedBy: resolver.principal,
        changeReason: `possible duplicate ${held.orderId} (PO ${held.customerPo}) merged into ${target.orderId}`,
      },
      now.toISOString(),
    );
    return { outcome: 'DONE', orderId: held.orderId, status: 'MERGED', mergedInto: target.orderId, alreadyDone: false };
  });
}

/** Releases a held order as a separate order: RECEIVED, and its workflow starts. Idempotent. */
export async function keepHeldOrder(orderId: string, resolver: Resolver, stateMachineArn: string, now: Date = new Date()): Promise<Resolution> {
  return withRetries(async () => {
    const order = await findOrder(orderId);
    if (!visibleTo(order, resolver)) return notFound(orderId);
    const wasKept = order.possibleDuplicate !== undefined && !['POSSIBLE_DUPLICATE', 'MERGED', 'CANCELLED'].includes(order.status);
    if (wasKept) {
      // A retry after the status changed but before the start went through starts it now.
      if (order.status === 'RECEIVED') await startWorkflow(stateMachineArn, orderId);
      return done(order, true);
    }
    if (order.status !== 'POSSIBLE_DUPLICATE') return notHeld(order, 'kept');
    const changeReason = `kept as an order separate from ${order.possibleDuplicate?.orderId ?? 'the earlier order'}`;
    await recordTransition(
      order,
      'RECEIVED',
      { changedBy: resolver.principal, changeReason },
      { ...ORDER_EVENTS.KEPT_AS_SEPARATE_ORDER.of(), actor: resolver.principal, changedBy: resolver.principal, changeReason },
      now.toISOString(),
    );
    await startWorkflow(stateMachineArn, orderId);
    return { outcome: 'DONE', orderId, status: 'RECEIVED', alreadyDone: false };
  });
}

/** Cancels a held order with the reason given. Idempotent. */
export async function cancelHeldOrder(orderId: string, reason: string, resolver: Resolver, now: Date = new Date()): Promise<Resolution> {
  return withRetries(async () => {
    const order = await findOrder(orderId);
    if (!visibleTo(order, resolver)) return notFound(orderId);
    if (order.status === 'CANCELLED') return done(order, true);
    if (order.status !== 'POSSIBLE_DUPLICATE') return notHeld(order, 'cancelled');
    await recordTransition(
      order,
      'CANCELLED',
      { statusReason: reason, changedBy: resolver.principal, changeReason: reason },
      { ...ORDER_EVENTS.CANCELLED.of(), actor: resolver.principal, changedBy: resolver.principal, changeReason: reason, detail: { reason } },
      now.toISOString(),
    );
    return { outcome: 'DONE', orderId, status: 'CANCELLED', alreadyDone: false };
  });
}
