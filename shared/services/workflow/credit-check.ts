import { openExposureOf } from '../../data/exposure-repository.js';
import { findCustomer } from '../../data/master-data-repository.js';
import { getOrder, recordTransition } from '../../data/order-repository.js';
import { approvalReasons, type ApprovalPolicy } from '../../domain/approval-rules.js';
import { assessCredit } from '../../domain/credit.js';
import { equalAmounts } from '../../domain/money.js';
import type { ApprovalReason } from '../../schemas/order.js';
import { reject } from './outcomes.js';

export type CreditCheckOutcome =
  | { outcome: 'CONTINUE'; approvalRequired: boolean; approvalReasons: ApprovalReason[] }
  | { outcome: 'REJECT'; reason: string };

/** Checks exposure against the credit limit and decides which approvals the order needs. */
export async function creditCheckStep(
  orderId: string,
  policy: ApprovalPolicy,
  now: Date = new Date(),
): Promise<CreditCheckOutcome> {
  const order = await getOrder(orderId);
  const customer = await findCustomer(order.customerId);
  if (!customer) return reject(`customer ${order.customerId} does not exist`);
  if (order.total === undefined) throw new Error(`order ${orderId} reached the credit check without a total`);
  const exposure = await openExposureOf(order.customerId, order.orderId);
  const credit = assessCredit(
    { customerStatus: customer.status, creditLimit: customer.creditLimit, ...exposure },
    order.total,
  );
  const deviations = order.lines
    .filter((line) => line.expectedUnitPrice && line.unitPrice && !equalAmounts(line.expectedUnitPrice, line.unitPrice))
    .map((line) => line.lineNo);
  const reasons = approvalReasons({ credit, orderTotal: order.total, priceDeviationLines: deviations }, policy);
  await recordTransition(
    order,
    'CREDIT_CHECKED',
    { credit, approvalReasons: reasons },
    { eventId: '03-CREDIT_CHECKED', type: 'CREDIT_CHECKED', actor: 'workflow', detail: { credit, approvalReasons: reasons } },
    now.toISOString(),
  );
  return { outcome: 'CONTINUE', approvalRequired: reasons.length > 0, approvalReasons: reasons };
}
