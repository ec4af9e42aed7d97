import { InvoiceAccount, PaymentRecorded, RecordPaymentRequest } from './payment.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const jsonResponse = (description: string, id: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const security = [{ staffToken: [] }];
const invoiceNumber = { name: 'invoiceNumber', in: 'path', required: true, schema: { type: 'string', pattern: '^INV-[0-9A-Z]{26}$' } };
const refusals = { '401': { description: 'No or invalid bearer token' }, '403': problemResponse('Not a staff user token, or not in a group allowed on this route') };

/** The accounts-receivable routes of the OpenAPI document (see openapi.ts). */
export function receivablesPaths() {
  // Schemas with an id are taken from zod's global registry; these references make sure they are loaded.
  void [InvoiceAccount, PaymentRecorded, RecordPaymentRequest];
  return {
    '/v1/invoices/{invoiceNumber}': {
      get: {
        operationId: 'getInvoice',
        summary: 'An invoice with the payments applied and its open balance (groups accounts-receivable, order-desk, finance, credit-controller)',
        security,
        parameters: [invoiceNumber],
        responses: { '200': jsonResponse('The invoice account', 'InvoiceAccount'), ...refusals, '404': problemResponse('No such invoice') },
      },
    },
    '/v1/invoices/{invoiceNumber}/payments': {
      post: {
        operationId: 'recordPayment',
        summary:
          'Apply a received payment to an invoice (group accounts-receivable). Partial payments leave the rest open; a paid invoice no longer counts in the customer’s credit exposure. The bank reference makes it idempotent.',
        security,
        parameters: [invoiceNumber],
        requestBody: { required: true, content: { 'application/json': { schema: ref('RecordPaymentRequest') } } },
        responses: {
          '201': jsonResponse('Payment applied', 'PaymentRecorded'),
          '200': jsonResponse('This payment reference was already recorded with the same amount and date: nothing applied twice', 'PaymentRecorded'),
          '400': problemResponse('Invalid body; nothing was written'),
          ...refusals,
          '404': problemResponse('No such invoice'),
          '409': problemResponse('The payment reference was already used for a different payment; nothing was written'),
          '422': problemResponse('Not applicable: other currency, more than the open balance, already paid, dated in the future or before the invoice; nothing was written'),
        },
      },
    },
  };
}
