import Big from 'big.js';
import { isExpiredOn, type CalendarDate } from '../../platform/domain/calendar-date.js';
import type { CreditDecision } from './credit.js';
import { isGreaterThan, type DecimalString } from '../../platform/domain/money.js';
import type { ApprovalPolicy, ApprovalReason, SignatureMeaning } from '../schemas/approval-policy.js';
import type { DeviceClass } from '../../master-data/schemas/values.js';

export interface PricedLineFacts {
  lineNo: number;
  gtin: string;
  deviceClass: DeviceClass;
  listPrice: DecimalString;
  unitPrice: DecimalString;
  expectedUnitPrice?: DecimalString | undefined;
}

export interface Licence {
  deviceClass: DeviceClass;
  expiry: CalendarDate;
}

export interface ApprovalFacts {
  credit: CreditDecision;
  orderTotal: DecimalString;
  orderDate: CalendarDate;
  lines: readonly PricedLineFacts[];
  customerLicences: readonly Licence[];
}

export interface RequiredApproval {
  reason: ApprovalReason;
  role: string;
  /** What the approver is asked to look at, in words. */
  detail: string;
}

/** Percent below list, to two decimals; a price above list is no discount. */
export function discountPercent(listPrice: DecimalString, unitPrice: DecimalString): DecimalString {
  const list = new Big(listPrice);
  if (list.lte(0)) return '0.00';
  const discount = list.minus(unitPrice).div(list).times(100);
  return discount.lt(0) ? '0.00' : discount.round(2, 1).toFixed(2);
}

/** The one licence rule: intake flags it, the approval policy asks for a regulatory review over it. */
export function hasValidLicence(licences: readonly Licence[], deviceClass: Licence['deviceClass'], onDate: CalendarDate): boolean {
  return licences.some((licence) => licence.deviceClass === deviceClass && !isExpiredOn(licence.expiry, onDate));
}

/**
 * Every approval an order needs, one per reason, each from the role the
 * policy names. An empty list means the order may flow straight on; several
 * are asked for in parallel and all must be granted.
 */
export function requiredApprovals(facts: ApprovalFacts, policy: ApprovalPolicy): RequiredApproval[] {
  const needed: { reason: ApprovalReason; detail: string }[] = [];
  if (facts.credit.status === 'HOLD') needed.push({ reason: 'CREDIT_HOLD', detail: facts.credit.reason });

  const discounted = facts.lines
    .map((line) => ({ line, percent: discountPercent(line.listPrice, line.unitPrice) }))
    .filter(({ percent }) => isGreaterThan(percent, policy.discountThresholdPercent));
  if (discounted.length > 0) {
    needed.push({
      reason: 'DISCOUNT_OVER_THRESHOLD',
      detail: discounted.map(({ line, percent }) => `line ${line.lineNo}: ${percent}% under list`).join('; '),
    });
  }

  const deviating = facts.lines.filter((line) => line.expectedUnitPrice !== undefined && new Big(line.expectedUnitPrice).cmp(line.unitPrice) !== 0);
  if (deviating.length > 0) {
    needed.push({
      reason: 'PRICE_DIFFERS_FROM_EXPECTED',
      detail: deviating.map((line) => `line ${line.lineNo}: expected ${line.expectedUnitPrice}, priced ${line.unitPrice}`).join('; '),
    });
  }

  if (isGreaterThan(facts.orderTotal, policy.orderValueThreshold)) {
    needed.push({ reason: 'ORDER_VALUE_OVER_THRESHOLD', detail: `total ${facts.orderTotal} is above ${policy.orderValueThreshold}` });
  }

  const regulatory: string[] = [];
  for (const line of facts.lines) {
    if (policy.regulatoryDeviceClasses.includes(line.deviceClass)) regulatory.push(`line ${line.lineNo}: class ${line.deviceClass} device`);
    if (!hasValidLicence(facts.customerLicences, line.deviceClass, facts.orderDate)) {
      regulatory.push(`line ${line.lineNo}: customer has no valid licence for class ${line.deviceClass}`);
    }
  }
  if (regulatory.length > 0) needed.push({ reason: 'REGULATORY_REVIEW', detail: regulatory.join('; ') });

  return needed.map(({ reason, detail }) => ({ reason, detail, role: policy.roles[reason] ?? 'approvers' }));
}

/** The next approver in the chain, or undefined when the chain ends and the approval expires. */
export function escalationOf(role: string, policy: ApprovalPolicy): string | undefined {
  return policy.escalation[role];
}

/** The signature meanings an approver may choose for a reason (21 CFR 11.50(a)(3)). */
export function allowedMeanings(reason: ApprovalReason): SignatureMeaning[] {
  if (reason === 'CREDIT_HOLD') return ['RELEASED_FROM_CREDIT_HOLD', 'REJECTED'];
  if (reason === 'REGULATORY_REVIEW') return ['REVIEWED', 'APPROVED', 'REJECTED'];
  return ['APPROVED', 'REJECTED'];
}

export function grants(meaning: SignatureMeaning): boolean {
  return meaning !== 'REJECTED';
}

export const MEANING_TEXT: Record<SignatureMeaning, string> = {
  APPROVED: 'Approved: I have reviewed this order and approve it',
  REJECTED: 'Rejected: I have reviewed this order and reject it',
  RELEASED_FROM_CREDIT_HOLD: 'Released from credit hold: I accept the credit exposure of this order',
  REVIEWED: 'Reviewed: I have reviewed the regulatory aspects of this order and raise no objection',
};
