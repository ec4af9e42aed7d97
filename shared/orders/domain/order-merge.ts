import type { OrderStatus } from '../schemas/order.js';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from './order-limits.js';

export interface MergeableLine {
  lineNo: number;
  gtin: string;
  quantity: number;
  unitOfMeasure?: string | undefined;
  expectedUnitPrice?: string | undefined;
}

/**
 * The target's lines with the held order's added: the same GTIN in the same
 * unit becomes one line with the quantities added (the target's line number
 * and expected price stand), anything else is appended. Prices are dropped:
 * the combined order is priced again as a whole (quantity breaks change).
 */
export function mergeLines(target: readonly MergeableLine[], held: readonly MergeableLine[]): MergeableLine[] {
  const merged = target.map(({ lineNo, gtin, quantity, unitOfMeasure, expectedUnitPrice }) => ({ lineNo, gtin, quantity, unitOfMeasure, expectedUnitPrice }));
  let nextLineNo = Math.max(0, ...merged.map((line) => line.lineNo)) + 1;
  for (const line of held) {
    const same = merged.find((candidate) => candidate.gtin === line.gtin && candidate.unitOfMeasure === line.unitOfMeasure);
    if (same) {
      same.quantity += line.quantity;
      same.expectedUnitPrice ??= line.expectedUnitPrice;
    } else {
      merged.push({
        lineNo: nextLineNo,
        gtin: line.gtin,
        quantity: line.quantity,
        unitOfMeasure: line.unitOfMeasure,
        expectedUnitPrice: line.expectedUnitPrice,
      });
      nextLineNo += 1;
    }
  }
  // Absent rather than undefined: the table and the content hash both drop undefined members anyway.
  return merged.map(({ unitOfMeasure, expectedUnitPrice, ...line }) => ({
    ...line,
    ...(unitOfMeasure === undefined ? {} : { unitOfMeasure }),
    ...(expectedUnitPrice === undefined ? {} : { expectedUnitPrice }),
  }));
}

/** Why merged lines break the limits every order keeps, or undefined when they stay within them. */
export function mergeLimitProblem(merged: readonly MergeableLine[]): string | undefined {
  if (merged.length > MAX_ORDER_LINES) return `the combined order would have ${merged.length} lines; an order has at most ${MAX_ORDER_LINES}`;
  const tooLarge = merged.find((line) => line.quantity > MAX_LINE_QUANTITY);
  if (tooLarge) return `line ${tooLarge.lineNo} would have ${tooLarge.quantity} units; a line has at most ${MAX_LINE_QUANTITY}`;
  return undefined;
}

export type MergeTarget =
  /** reprice: the target already carries prices, so the merge prices the combined lines itself. */
  { mergeable: true; reprice: boolean } | { mergeable: false; reason: string };

/**
 * Which orders a held order may be merged into, by where the target's
 * workflow stands. Only states after which the workflow reads the order
 * again before deciding are open to a merge:
 *
 * - RECEIVED, VALIDATED: the Price step has not priced yet; it reads the
 *   combined lines (a step that read the old lines fails its version check
 *   and is retried, reading them again).
 * - PRICED: the merge prices the combined lines; the credit check reads them.
 * - AWAITING_APPROVAL: the merge prices the combined lines, which changes the
 *   content hash: signatures over the old content no longer count, approvers
 *   still to sign see the new content, and ConcludeApprovals applies the
 *   policy to the new content and asks again for what it now needs
 *   (shared/approvals/domain/approval-standing.ts).
 *
 * CREDIT_CHECKED and APPROVED are the instants between a decision over the
 * content and the next state (the approvals Map or allocation), which would
 * not look at the content again: refused. Allocated or later, closed, or
 * itself held: refused.
 */
export function mergeTarget(status: OrderStatus): MergeTarget {
  switch (status) {
    case 'RECEIVED':
    case 'VALIDATED':
      return { mergeable: true, reprice: false };
    case 'PRICED':
    case 'AWAITING_APPROVAL':
      return { mergeable: true, reprice: true };
    case 'CREDIT_CHECKED':
      return { mergeable: false, reason: 'its credit check is deciding the approvals it needs right now; retry in a few seconds' };
    case 'APPROVED':
      return { mergeable: false, reason: 'it is approved and being allocated; it can no longer be merged into' };
    case 'AWAITING_STOCK':
      // Approved content waiting for stock: allocation would not look at the content again.
      return { mergeable: false, reason: 'it is approved and waiting for stock; it can no longer be merged into' };
    case 'ALLOCATED':
    case 'READY_TO_PICK':
    case 'SHIPPED':
    case 'INVOICED':
    case 'ARCHIVED':
      return { mergeable: false, reason: `it is already allocated (status ${status}); only orders not yet allocated can be merged into` };
    case 'REJECTED':
    case 'FAILED':
    case 'CANCELLED':
    case 'MERGED':
      return { mergeable: false, reason: `it is closed (status ${status})` };
    case 'NEEDS_ATTENTION':
      return { mergeable: false, reason: 'the workflow could not finish it and it waits for an operator (status NEEDS_ATTENTION)' };
    case 'POSSIBLE_DUPLICATE':
      return { mergeable: false, reason: 'it is itself held as a possible duplicate; resolve it first' };
  }
}
