import type { ApprovalReason } from '../schemas/order.js';
import { isGreaterThan, type DecimalString } from './money.js';
import type { CreditDecision } from './credit.js';

export interface ApprovalPolicy {
  /** Orders above this total (in the order currency) need a human approval. */
  orderValueThreshold: DecimalString;
}

export interface ApprovalInputs {
  credit: CreditDecision;
  orderTotal: DecimalString;
  priceDeviationLines: readonly number[];
}

/** Every reason an order needs a human decision; an empty list means it flows straight to fulfilment. */
export function approvalReasons(inputs: ApprovalInputs, policy: ApprovalPolicy): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (inputs.credit.status === 'HOLD') reasons.push('CREDIT_HOLD');
  if (isGreaterThan(inputs.orderTotal, policy.orderValueThreshold)) reasons.push('ORDER_VALUE_OVER_THRESHOLD');
  if (inputs.priceDeviationLines.length > 0) reasons.push('PRICE_DIFFERS_FROM_EXPECTED');
  return reasons;
}
