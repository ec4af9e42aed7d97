import { openExposureOf } from '../data/exposure-repository.js';
import { findCustomer, findProducts } from '../../master-data/data/master-data-repository.js';
import { getOrder, recordTransition, type OrderRecord } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { requiredApprovals, type RequiredApproval } from '../domain/approval-policy.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { assessCredit, type CreditDecision } from '../domain/credit.js';
import type { ApprovalPolicy } from '../schemas/approval-policy.js';
import { reject, type Rejection } from '../../orders/services/outcomes.js';
import { priceConflictsNeedReview } from '../../master-data/services/price.js';

export interface CreditSettings {
  policy: ApprovalPolicy;
  overdueGraceDays: number;
}

export type Assessment =
  | { outcome: 'CONTINUE'; approvalRequired: false; approvals: [] }
  | { outcome: 'APPROVAL_REQUIRED'; approvalRequired: true; approvals: (RequiredApproval & { orderId: string; level: number })[] }
  | Rejection;

/** Credit position and the approvals the order needs, from the table as it is now. */
export async function assessOrder(
  order: OrderRecord,
  settings: CreditSettings,
  now: Date,
): Promise<{ credit: CreditDecision; approvals: RequiredApproval[] } | Rejection> {
  const [customer, products] = await Promise.all([findCustomer(order.customerId), findProducts(order.lines.map((l) => l.gtin))]);
  if (!customer) return reject(`customer ${order.customerId} does not exist`);
  if (order.total === undefined) throw new Error(`order ${order.orderId} reached the credit check without a total`);
  const exposure = await openExposureOf(order.customerId, order.orderId);
  const asOf = utcDateOf(now);
  const credit = assessCredit({ customerStatus: customer.status, creditLimit: customer.creditLimit, ...exposure }, order.total, {
    asOf,
    overdueGraceDays: settings.overdueGraceDays,
  });
  const lines = order.lines.map((line) => {
    const product = products.get(line.gtin);
    if (!product || !line.unitPrice) throw new Error(`order ${order.orderId} line ${line.lineNo} is not priced or its product vanished`);
    // A channel whose price conflicts proceed at the computed price asks nobody about them.
    const expectedUnitPrice = priceConflictsNeedReview(order.channel) ? line.expectedUnitPrice : undefined;
    return { ...line, expectedUnitPrice, deviceClass: product.deviceClass, listPrice: line.listPrice ?? line.unitPrice, unitPrice: line.unitPrice };
  });
  const approvals = requiredApprovals({ credit, orderTotal: order.total, orderDate: asOf, lines, customerLicences: customer.licences ?? [] }, settings.policy);
  return { credit, approvals };
}

/**
 * Checks exposure against the credit limit and decides which approvals the
 * order needs; a credit hold never passes silently, it becomes an approval
 * for the credit controller.
 */
export async function creditCheckStep(orderId: string, settings: CreditSettings, now: Date = new Date()): Promise<Assessment> {
  const order = await getOrder(orderId);
  const assessed = await assessOrder(order, settings, now);
  if ('outcome' in assessed) return assessed;
  const { credit, approvals } = assessed;
  const reasons = approvals.map((approval) => approval.reason);
  const at = now.toISOString();
  await recordTransition(
    order,
    'CREDIT_CHECKED',
    { credit, approvalReasons: reasons, requiredApprovals: approvals },
    { ...ORDER_EVENTS.CREDIT_CHECKED.of(), actor: 'workflow', detail: { credit, requiredApprovals: approvals } },
    at,
  );
  if (approvals.length === 0) return { outcome: 'CONTINUE', approvalRequired: false, approvals: [] };
  await recordTransition(
    await getOrder(orderId),
    'AWAITING_APPROVAL',
    {},
    { ...ORDER_EVENTS.AWAITING_APPROVAL.of(), actor: 'workflow', detail: { reasons } },
    at,
  );
  return { outcome: 'APPROVAL_REQUIRED', approvalRequired: true, approvals: approvals.map((a) => ({ ...a, orderId, level: 0 })) };
}
