import type { OrderStatus } from '../schemas/order.js';

/** What the workflow asks the close step for: an end (REJECTED, FAILED) or an operator (NEEDS_ATTENTION). */
export type RequestedClosure = 'REJECTED' | 'FAILED' | 'NEEDS_ATTENTION';

export interface ClosingFacts {
  status: OrderStatus;
  /** Goods of the order have left the warehouse: the order is SHIPPED or later, or Ship stopped half way. */
  goodsShipped: boolean;
}

export type Closing =
  | { close: false }
  | {
      close: true;
      status: RequestedClosure;
      /** Give reserved stock back to its lots. */
      releaseStock: boolean;
      /** Stop counting the order towards the customer's credit exposure. */
      endExposure: boolean;
    };

/** Statuses a close leaves as they are: the order's final ones, and NEEDS_ATTENTION, which only an operator settles. */
const SETTLED: ReadonlySet<OrderStatus> = new Set(['REJECTED', 'FAILED', 'ARCHIVED', 'NEEDS_ATTENTION']);

/**
 * The close rule. An order whose goods have shipped never becomes REJECTED
 * or FAILED and never gives stock back: it needs attention (the invoice or
 * the signed record is missing, or Ship stopped half way), and it still
 * counts towards the customer's exposure. An order that needs attention
 * before shipping gives its stock back (nobody should wait for it) but keeps
 * its exposure until an operator settles it. Otherwise the order ends with
 * the status asked for, its stock given back and its exposure ended.
 */
export function closingOf(requested: RequestedClosure, facts: ClosingFacts): Closing {
  if (SETTLED.has(facts.status)) return { close: false };
  if (facts.goodsShipped) return { close: true, status: 'NEEDS_ATTENTION', releaseStock: false, endExposure: false };
  if (requested === 'NEEDS_ATTENTION') return { close: true, status: 'NEEDS_ATTENTION', releaseStock: true, endExposure: false };
  return { close: true, status: requested, releaseStock: true, endExposure: true };
}
