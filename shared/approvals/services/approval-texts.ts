import { ApprovalReason } from '../schemas/approval-policy.js';

const DESCRIPTIONS: Record<ApprovalReason, string> = {
  CREDIT_HOLD: 'Credit hold: the order takes the customer over its credit limit, an invoice is overdue, or the customer is blocked',
  DISCOUNT_OVER_THRESHOLD: 'A line is discounted beyond the threshold against list price',
  PRICE_DIFFERS_FROM_EXPECTED: "A line's price differs from the price the customer expected",
  ORDER_VALUE_OVER_THRESHOLD: 'Order value is above the approval threshold',
  REGULATORY_REVIEW: 'Regulatory review: a high-risk device class, or the customer lacks a valid licence for a device class',
};

export function describeReason(reason: string): string {
  const known = ApprovalReason.safeParse(reason);
  return known.success ? DESCRIPTIONS[known.data] : reason;
}
