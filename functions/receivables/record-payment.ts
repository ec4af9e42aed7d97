import { loadConfig } from '../../shared/platform/config.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { recordPaymentRoute } from '../../shared/receivables/routes.js';
import { InvoiceNumber, PaymentRecorded, RecordPaymentRequest } from '../../shared/receivables/schemas/payment.js';
import { recordPayment } from '../../shared/receivables/services/payments.js';

const config = loadConfig(recordPaymentRoute.settings);

/** POST /v1/invoices/{invoiceNumber}/payments: accounts receivable applies a received payment. */
async function applyReceivedPayment(event: ParsedApiEvent<RecordPaymentRequest>) {
  const caller = requireStaff(event, config.ALLOWED_GROUPS);
  const invoiceNumber = InvoiceNumber.safeParse(event.pathParameters?.invoiceNumber);
  if (!invoiceNumber.success) return problem(404, 'Not found', 'No such invoice (an invoice number looks like INV-01J…).');
  const result = await recordPayment(invoiceNumber.data, event.body, caller.principal);
  switch (result.outcome) {
    case 'RECORDED':
    case 'REPLAYED':
      return json(
        result.outcome === 'RECORDED' ? 201 : 200,
        PaymentRecorded.parse({ replayed: result.outcome === 'REPLAYED', payment: result.payment, invoice: result.invoice }),
      );
    case 'NO_SUCH_INVOICE':
      return problem(404, 'Not found', `Invoice ${invoiceNumber.data} does not exist.`);
    case 'REFUSED':
      return problem(422, 'Payment not applicable', result.reason);
    case 'REFERENCE_CONFLICT':
      return problem(
        409,
        'Payment reference already used',
        `Payment reference ${event.body.paymentReference} was already recorded on invoice ${invoiceNumber.data} as ${result.existing.amount} ${result.existing.currency} received ${result.existing.receivedOn}; nothing was applied. Use the bank's unique reference of this payment.`,
      );
  }
}

export const handler = apiHandler(applyReceivedPayment, recordPaymentRoute, config).use(zodBody(RecordPaymentRequest));
