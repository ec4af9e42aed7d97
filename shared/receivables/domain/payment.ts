import Big from 'big.js';
import { compareDates, type CalendarDate } from '../../platform/domain/calendar-date.js';
import { MONEY_SCALE, toMoney, type DecimalString } from '../../platform/domain/money.js';
import type { PaymentStatus } from '../schemas/payment.js';

/** What the invoice says before the payment is applied. */
export interface InvoiceBalance {
  invoiceNumber: string;
  currency: string;
  total: DecimalString;
  amountPaid: DecimalString;
  issueDate: CalendarDate;
}

export interface IncomingPayment {
  amount: DecimalString;
  currency: string;
  receivedOn: CalendarDate;
}

export type PaymentRefusal = 'CURRENCY_MISMATCH' | 'NOT_POSITIVE' | 'SUB_CENT' | 'ALREADY_PAID' | 'EXCEEDS_OPEN_BALANCE' | 'FUTURE_DATE' | 'BEFORE_INVOICE';

export type PaymentApplication =
  | { applied: true; amountPaid: DecimalString; openBalance: DecimalString; paymentStatus: PaymentStatus }
  | { applied: false; refusal: PaymentRefusal; reason: string };

export function openBalanceOf(invoice: Pick<InvoiceBalance, 'total' | 'amountPaid'>): DecimalString {
  return toMoney(new Big(invoice.total).minus(invoice.amountPaid));
}

/**
 * Applies one received payment to one invoice (cash application). Partial
 * payments are normal (instalments, short payments pending a dispute) and
 * leave the rest open; an amount above the open balance is refused rather
 * than silently kept, because the excess belongs on the customer's account
 * as unapplied cash, which is a decision for accounts receivable, not for
 * this invoice. The value date cannot be in the future or before the invoice
 * was issued: both are keying errors on a bank statement line.
 */
export function applyPayment(invoice: InvoiceBalance, payment: IncomingPayment, today: CalendarDate): PaymentApplication {
  const refuse = (refusal: PaymentRefusal, reason: string): PaymentApplication => ({
    applied: false,
    refusal,
    reason: `invoice ${invoice.invoiceNumber}: ${reason}`,
  });
  if (payment.currency !== invoice.currency) {
    return refuse('CURRENCY_MISMATCH', `the payment is in ${payment.currency} but the invoice is in ${invoice.currency}; convert it in your bank ledger first`);
  }
  const amount = new Big(payment.amount);
  if (amount.lte(0)) return refuse('NOT_POSITIVE', `a payment must be a positive amount, got ${payment.amount}`);
  if (!amount.round(MONEY_SCALE, 0).eq(amount)) return refuse('SUB_CENT', `${payment.amount} has more than ${MONEY_SCALE} decimals`);
  if (compareDates(payment.receivedOn, today) > 0) return refuse('FUTURE_DATE', `the payment is dated ${payment.receivedOn}, after today (${today})`);
  if (compareDates(payment.receivedOn, invoice.issueDate) < 0) {
    return refuse('BEFORE_INVOICE', `the payment is dated ${payment.receivedOn}, before the invoice was issued (${invoice.issueDate})`);
  }
  const open = new Big(openBalanceOf(invoice));
  if (open.lte(0)) return refuse('ALREADY_PAID', 'the invoice is already paid in full');
  if (amount.gt(open)) {
    return refuse(
      'EXCEEDS_OPEN_BALANCE',
      `${payment.amount} ${payment.currency} exceeds the open balance of ${toMoney(open)} ${invoice.currency}; record the excess as unapplied cash on the customer's account`,
    );
  }
  const amountPaid = toMoney(new Big(invoice.amountPaid).plus(amount));
  const openBalance = toMoney(open.minus(amount));
  return { applied: true, amountPaid, openBalance, paymentStatus: new Big(openBalance).eq(0) ? 'PAID' : 'PARTIALLY_PAID' };
}
