import Big from 'big.js';
import { isGreaterThan, toMoney, type DecimalString } from './money.js';

export interface CreditPosition {
  customerStatus: 'ACTIVE' | 'BLOCKED';
  creditLimit: DecimalString;
  /** Orders accepted but not yet invoiced, excluding the order under check. */
  openOrdersTotal: DecimalString;
  /** Invoiced and not yet paid. */
  unpaidInvoicesTotal: DecimalString;
}

export type CreditDecision =
  | { status: 'OK'; exposure: DecimalString; creditLimit: DecimalString }
  | { status: 'HOLD'; exposure: DecimalString; creditLimit: DecimalString; reason: string };

/** Exposure = open orders + unpaid invoices + this order; over the limit, or a blocked customer, is a credit hold. */
export function assessCredit(position: CreditPosition, orderTotal: DecimalString): CreditDecision {
  const exposure = toMoney(new Big(position.openOrdersTotal).plus(position.unpaidInvoicesTotal).plus(orderTotal));
  const base = { exposure, creditLimit: position.creditLimit };
  if (position.customerStatus === 'BLOCKED') {
    return { status: 'HOLD', ...base, reason: 'customer is blocked' };
  }
  if (isGreaterThan(exposure, position.creditLimit)) {
    return { status: 'HOLD', ...base, reason: `exposure ${exposure} exceeds credit limit ${position.creditLimit}` };
  }
  return { status: 'OK', ...base };
}
