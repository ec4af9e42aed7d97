import { findInvoice, type InvoiceRecord } from '../data/invoice-repository.js';
import { applyPaymentToInvoice, findPayment, paymentsOf, type PaymentRecord } from '../data/payment-repository.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { orderIdOfInvoice } from '../../platform/domain/ids.js';
import { equalAmounts } from '../../platform/domain/money.js';
import { applyPayment, openBalanceOf, type PaymentRefusal } from '../domain/payment.js';
import { InvoiceAccount, PaymentView, type RecordPaymentRequest } from '../schemas/payment.js';

export type PaymentOutcome =
  | { outcome: 'RECORDED' | 'REPLAYED'; payment: PaymentView; invoice: InvoiceAccount }
  | { outcome: 'NO_SUCH_INVOICE' }
  | { outcome: 'REFUSED'; refusal: PaymentRefusal; reason: string }
  /** The bank reference was used before for a different payment: nothing applied. */
  | { outcome: 'REFERENCE_CONFLICT'; existing: PaymentView };

/** Concurrent payments on one invoice: each lost race re-reads the balance and applies again. */
const MAX_ATTEMPTS = 5;

function paymentView({
  orderId: _orderId,
  invoiceNumber: _invoiceNumber,
  changedBy: _changedBy,
  changeReason: _changeReason,
  ...payment
}: PaymentRecord): PaymentView {
  return PaymentView.parse(payment);
}

function account(invoice: InvoiceRecord, payments: PaymentRecord[]): InvoiceAccount {
  const amountPaid = invoice.amountPaid ?? '0.00';
  return InvoiceAccount.parse({
    invoiceNumber: invoice.invoiceNumber,
    orderId: invoice.orderId,
    customerId: invoice.customerId,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    total: invoice.total,
    amountPaid,
    openBalance: openBalanceOf({ total: invoice.total, amountPaid }),
    paymentStatus: invoice.paymentStatus,
    payments: payments.map(paymentView),
  });
}

/** The invoice with its payments and open balance, or undefined when there is no such invoice. */
export async function invoiceAccount(invoiceNumber: string): Promise<InvoiceAccount | undefined> {
  const orderId = orderIdOfInvoice(invoiceNumber);
  const [invoice, payments] = await Promise.all([findInvoice(orderId), paymentsOf(orderId)]);
  return invoice && invoice.invoiceNumber === invoiceNumber ? account(invoice, payments) : undefined;
}

/**
 * Cash application: applies one payment from the bank statement to one
 * invoice. The bank's reference makes it idempotent (the same reference and
 * amount again is a replay that changes nothing; the same reference with
 * another amount is a conflict), and the write is conditional on the paid
 * amount read, so concurrent payments are applied one after the other.
 */
export async function recordPayment(invoiceNumber: string, request: RecordPaymentRequest, principal: string, now: Date = new Date()): Promise<PaymentOutcome> {
  const orderId = orderIdOfInvoice(invoiceNumber);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [invoice, earlier] = await Promise.all([findInvoice(orderId), findPayment(orderId, request.paymentReference)]);
    if (!invoice || invoice.invoiceNumber !== invoiceNumber) return { outcome: 'NO_SUCH_INVOICE' };
    if (earlier) return replayOrConflict(invoice, earlier, request);

    const application = applyPayment(
      { invoiceNumber, currency: invoice.currency, total: invoice.total, amountPaid: invoice.amountPaid ?? '0.00', issueDate: invoice.issueDate },
      request,
      utcDateOf(now),
    );
    if (!application.applied) return { outcome: 'REFUSED', refusal: application.refusal, reason: application.reason };

    const written = await applyPaymentToInvoice(
      invoice,
      {
        orderId,
        paymentReference: request.paymentReference,
        invoiceNumber,
        amount: request.amount,
        currency: request.currency,
        receivedOn: request.receivedOn,
        method: request.method,
        ...(request.note ? { note: request.note } : {}),
        recordedBy: principal,
        recordedAt: now.toISOString(),
        changedBy: principal,
        changeReason: `payment ${request.paymentReference} of ${request.amount} ${request.currency} received ${request.receivedOn}`,
      },
      application,
    );
    if (written === 'INVOICE_CHANGED') continue;
    if (written === 'REFERENCE_TAKEN') continue; // a concurrent retry of this very payment: the next read finds it
    const [after, payments] = await Promise.all([findInvoice(orderId), paymentsOf(orderId)]);
    const payment = payments.find((candidate) => candidate.paymentReference === request.paymentReference);
    if (!after || !payment) throw new Error(`payment ${request.paymentReference} on ${invoiceNumber} not readable after its write`);
    return { outcome: 'RECORDED', payment: paymentView(payment), invoice: account(after, payments) };
  }
  throw new Error(`invoice ${invoiceNumber}: payment ${request.paymentReference} still contended after ${MAX_ATTEMPTS} attempts`);
}

async function replayOrConflict(invoice: InvoiceRecord, earlier: PaymentRecord, request: RecordPaymentRequest): Promise<PaymentOutcome> {
  const same = equalAmounts(earlier.amount, request.amount) && earlier.currency === request.currency && earlier.receivedOn === request.receivedOn;
  if (!same) return { outcome: 'REFERENCE_CONFLICT', existing: paymentView(earlier) };
  return { outcome: 'REPLAYED', payment: paymentView(earlier), invoice: account(invoice, await paymentsOf(invoice.orderId)) };
}
