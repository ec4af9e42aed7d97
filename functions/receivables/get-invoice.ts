import { loadConfig } from '../../shared/platform/config.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { getInvoiceRoute } from '../../shared/receivables/routes.js';
import { InvoiceNumber } from '../../shared/receivables/schemas/payment.js';
import { invoiceAccount } from '../../shared/receivables/services/payments.js';

const config = loadConfig(getInvoiceRoute.settings);

/** GET /v1/invoices/{invoiceNumber}: the invoice with its payments and open balance. */
async function readInvoice(event: ApiEvent) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const invoiceNumber = InvoiceNumber.safeParse(event.pathParameters?.invoiceNumber);
  if (!invoiceNumber.success) return problem(404, 'Not found', 'No such invoice (an invoice number looks like INV-01J…).');
  const found = await invoiceAccount(invoiceNumber.data);
  return found ? json(200, found) : problem(404, 'Not found', `Invoice ${invoiceNumber.data} does not exist.`);
}

export const handler = apiHandler(readInvoice, getInvoiceRoute, config);
