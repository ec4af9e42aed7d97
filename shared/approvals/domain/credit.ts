import Big from 'big.js';
import { addDays, isExpiredOn, type CalendarDate } from '../../platform/domain/calendar-date.js';
import { isGreaterThan, toMoney, type DecimalString } from '../../platform/domain/money.js';
import type { CustomerStatus } from '../../master-data/schemas/values.js';

export interface UnpaidInvoice {
  invoiceNumber: string;
  dueDate: CalendarDate;
  amount: DecimalString;
}

export interface CreditPosition {
  customerStatus: CustomerStatus;
  creditLimit: DecimalString;
  /** Orders accepted but not yet invoiced, excluding the order under check. */
  openOrdersTotal: DecimalString;
  unpaidInvoices: readonly UnpaidInvoice[];
}

export interface CreditTerms {
  asOf: CalendarDate;
  /** Days past the due date before an unpaid invoice puts the customer on hold. */
  overdueGraceDays: number;
}

export type CreditDecision =
  | { status: 'OK'; exposure: DecimalString; creditLimit: DecimalString }
  | { status: 'HOLD'; exposure: DecimalString; creditLimit: DecimalString; reason: string };

/**
 * Exposure = open orders + unpaid invoices + this order. A blocked customer,
 * an exposure over the limit, or an invoice unpaid beyond the grace period is
 * a credit hold; every cause is named.
 */
export function assessCredit(position: CreditPosition, orderTotal: DecimalString, terms: CreditTerms): CreditDecision {
  const unpaidTotal = position.unpaidInvoices.reduce((total, invoice) => total.plus(invoice.amount), new Big(0));
  const exposure = toMoney(new Big(position.openOrdersTotal).plus(unpaidTotal).plus(orderTotal));
  const base = { exposure, creditLimit: position.creditLimit };
  const reasons: string[] = [];
  if (position.customerStatus === 'BLOCKED') reasons.push('customer is blocked');
  if (isGreaterThan(exposure, position.creditLimit)) reasons.push(`exposure ${exposure} exceeds credit limit ${position.creditLimit}`);
  const overdue = position.unpaidInvoices
    .filter((invoice) => isExpiredOn(addDays(invoice.dueDate, terms.overdueGraceDays), terms.asOf))
    .map((invoice) => `${invoice.invoiceNumber} (due ${invoice.dueDate})`);
  if (overdue.length > 0) reasons.push(`invoice overdue beyond ${terms.overdueGraceDays} days grace: ${overdue.join(', ')}`);
  return reasons.length > 0 ? { status: 'HOLD', ...base, reason: reasons.join('; ') } : { status: 'OK', ...base };
}
