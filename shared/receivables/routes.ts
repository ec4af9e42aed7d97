import { tableConfig, groupList } from '../platform/config.js';
import { jsonBody, jsonResponse, pathParameter, problemResponse } from '../platform/openapi/operations.js';
import { declareRoute } from '../platform/registry.js';
import { InvoiceAccount, InvoiceNumber, PaymentRecorded, RecordPaymentRequest } from './schemas/payment.js';
import { STAFF_GROUPS } from '../platform/staff-groups.js';

const invoiceNumber = pathParameter('invoiceNumber', InvoiceNumber);

/** Accounts receivable applies cash; the order desk, finance and credit control read an invoice's balance when a customer calls or an order waits on credit. */
export const recordPaymentRoute = declareRoute({
  id: 'RecordPayment',
  handler: 'receivables/record-payment',
  purpose: 'Applies a received payment to an invoice, releasing the customer’s credit exposure',
  settings: tableConfig.extend({ ALLOWED_GROUPS: groupList }),
  // Payment put if absent + invoice update conditional on the paid amount read, in one transaction.
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] }],
  auth: 'staff',
  groups: [STAFF_GROUPS.accountsReceivable],
  routes: [
    {
      method: 'POST',
      path: '/v1/invoices/{invoiceNumber}/payments',
      operation: {
        operationId: 'recordPayment',
        summary:
          'Apply a received payment to an invoice (group accounts-receivable). Partial payments leave the rest open; a paid invoice no longer counts in the customer’s credit exposure. The bank reference makes it idempotent.',
        parameters: [invoiceNumber],
        requestBody: jsonBody(RecordPaymentRequest),
        responses: {
          '201': jsonResponse('Payment applied', PaymentRecorded),
          '200': jsonResponse('This payment reference was already recorded with the same amount and date: nothing applied twice', PaymentRecorded),
          '400': problemResponse('Invalid body; nothing was written'),
          '404': problemResponse('No such invoice'),
          '409': problemResponse('The payment reference was already used for a different payment; nothing was written'),
          '422': problemResponse(
            'Not applicable: other currency, more than the open balance, already paid, dated in the future or before the invoice; nothing was written',
          ),
        },
      },
    },
  ],
});

export const getInvoiceRoute = declareRoute({
  id: 'GetInvoice',
  handler: 'receivables/get-invoice',
  purpose: 'An invoice with the payments applied and its open balance',
  settings: tableConfig.extend({ ALLOWED_GROUPS: groupList }),
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query'] }],
  auth: 'staff',
  groups: [STAFF_GROUPS.accountsReceivable, STAFF_GROUPS.orderDesk, 'finance', 'credit-controller'],
  routes: [
    {
      method: 'GET',
      path: '/v1/invoices/{invoiceNumber}',
      operation: {
        operationId: 'getInvoice',
        summary: 'An invoice with the payments applied and its open balance (groups accounts-receivable, order-desk, finance, credit-controller)',
        parameters: [invoiceNumber],
        responses: { '200': jsonResponse('The invoice account', InvoiceAccount), '404': problemResponse('No such invoice') },
      },
    },
  ],
});

export const receivablesRoutes = [recordPaymentRoute, getInvoiceRoute];
