import type { ApprovalReason } from '../schemas/order.js';

const DESCRIPTIONS: Record<ApprovalReason, string> = {
  CREDIT_HOLD: 'Credit hold: the order takes the customer over its credit limit, or the customer is blocked',
  ORDER_VALUE_OVER_THRESHOLD: 'Order value is above the approval threshold',
  PRICE_DIFFERS_FROM_EXPECTED: "A line's price differs from the price the customer expected",
};

export function describeReason(reason: string): string {
  return DESCRIPTIONS[reason as ApprovalReason] ?? reason;
}
