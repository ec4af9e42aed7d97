import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PaymentRecorded, InvoiceAccount } from '../../shared/receivables/schemas/payment.js';
import { OrderAccepted, ChannelOrderView, OrderView } from '../../shared/orders/schemas/order.js';
import { utcDateOf } from '../../shared/platform/domain/calendar-date.js';
import { staffToken } from '../support/staff.js';
import { waitForShippedOrder } from '../support/picking.js';
import { deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, type ApiClient } from '../support/stack.js';

const today = utcDateOf(new Date());
/** The detail of the CREDIT_CHECKED timeline event: only the exposure is read. */
const CreditCheckedDetail = z.looseObject({ credit: z.looseObject({ exposure: z.string().optional() }).optional() }).optional();
const creditExposureOf = (order: OrderView) =>
  CreditCheckedDetail.parse(order.timeline.find((event) => event.type === 'CREDIT_CHECKED')?.detail)?.credit?.exposure;

describe('given an invoiced order of a customer with a credit limit of 30.00 and accounts receivable applying cash', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let receivables: string;
  let orderDesk: string;
  let customerId: string;
  let gtin: string;
  let invoiceNumber: string;
  let firstOrderId: string;

  const placeAndWait = async (statuses: string[]) => {
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin, quantity: 2 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(202);
    return waitForShippedOrder(api, placed.body.orderId, statuses, undefined, OrderView);
  };
  const pay = (body: Record<string, unknown>, token = receivables, invoice = invoiceNumber) =>
    api.json(PaymentRecorded, 'POST', `/v1/invoices/${invoice}/payments`, {
      token,
      body: { currency: 'EUR', receivedOn: today, method: 'BANK_TRANSFER', ...body },
    });

  beforeAll(async () => {
    api = await portalApi(outputs);
    [customerId, gtin, receivables, orderDesk] = await Promise.all([
      givenCustomer({ creditLimit: '30.00' }),
      givenProduct({ unitPrice: '10.00', quantity: 100 }),
      staffToken(outputs, ['accounts-receivable']).then((user) => user.token),
      staffToken(outputs, ['order-desk']).then((user) => user.token),
    ]);
    const archived = await placeAndWait(['ARCHIVED', 'REJECTED', 'FAILED']);
    expect(archived.status).toBe('ARCHIVED');
    firstOrderId = archived.orderId;
    invoiceNumber = archived.invoice!.invoiceNumber;
    expect(archived.invoice).toMatchObject({ total: '20.00', paymentStatus: 'UNPAID', openBalance: '20.00' });
  });

  it('when part of the invoice is paid, then it is PARTIALLY_PAID, a replay changes nothing, a reused reference and an overpayment are refused, and the next order counts only the open rest', async () => {
    const partial = await pay({ paymentReference: 'BANK-PART-1', amount: '15.00' });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ replayed: false, invoice: { paymentStatus: 'PARTIALLY_PAID', amountPaid: '15.00', openBalance: '5.00' } });
    expect(partial.body.payment).toMatchObject({ paymentReference: 'BANK-PART-1', amount: '15.00', recordedBy: expect.stringMatching(/^user:/) });

    const replay = await pay({ paymentReference: 'BANK-PART-1', amount: '15.00' });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({
      replayed: true,
      invoice: { amountPaid: '15.00', openBalance: '5.00', payments: [expect.objectContaining({ paymentReference: 'BANK-PART-1' })] },
    });

    const reused = await pay({ paymentReference: 'BANK-PART-1', amount: '4.00' });
    expect(reused.status).toBe(409);
    expect(reused.problem.detail).toContain('already recorded');

    const over = await pay({ paymentReference: 'BANK-OVER', amount: '6.00' });
    expect(over.status).toBe(422);
    expect(over.problem.detail).toContain('exceeds the open balance of 5.00 EUR');

    const wrongCurrency = await pay({ paymentReference: 'BANK-USD', amount: '1.00', currency: 'USD' });
    expect(wrongCurrency.status).toBe(422);

    const second = await placeAndWait(['ARCHIVED', 'AWAITING_APPROVAL', 'REJECTED', 'FAILED']);
    expect(second.status).toBe('ARCHIVED');
    // 5.00 still open on the first invoice + 20.00 of this order, not 40.00.
    expect(creditExposureOf(second)).toBe('25.00');
  });

  it('when the rest is paid, then the invoice is PAID, the order shows it, and it no longer counts against the credit limit', async () => {
    const rest = await pay({ paymentReference: 'BANK-REST-1', amount: '5.00' });
    expect(rest.status).toBe(201);
    expect(rest.body.invoice).toMatchObject({ paymentStatus: 'PAID', openBalance: '0.00', amountPaid: '20.00' });
    expect(rest.body.invoice.payments.map((payment) => payment.paymentReference)).toEqual(['BANK-PART-1', 'BANK-REST-1']);

    const afterwards = await pay({ paymentReference: 'BANK-LATE', amount: '1.00' });
    expect(afterwards.status).toBe(422);
    expect(afterwards.problem.detail).toContain('already paid');

    const order = await api.json(ChannelOrderView, 'GET', `/v1/orders/${firstOrderId}`);
    expect(order.body.invoice).toMatchObject({ paymentStatus: 'PAID', openBalance: '0.00' });

    // Open: the second order's unpaid invoice (20.00) + this order (20.00); the paid invoice is gone.
    const third = await placeAndWait(['ARCHIVED', 'AWAITING_APPROVAL', 'REJECTED', 'FAILED']);
    expect(creditExposureOf(third)).toBe('40.00');
    expect(third.status).toBe('AWAITING_APPROVAL');
  });

  it('when the order desk reads the invoice, then it sees the balance but may not apply cash, and a channel token may do neither', async () => {
    const read = await api.json(InvoiceAccount, 'GET', `/v1/invoices/${invoiceNumber}`, { token: orderDesk });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ invoiceNumber, orderId: firstOrderId, customerId });

    expect((await pay({ paymentReference: 'BANK-DESK', amount: '1.00' }, orderDesk)).status).toBe(403);
    expect((await api.json(InvoiceAccount, 'GET', `/v1/invoices/${invoiceNumber}`)).status).toBe(403);
    expect(
      (
        await api.json(PaymentRecorded, 'POST', `/v1/invoices/${invoiceNumber}/payments`, {
          body: { paymentReference: 'X', amount: '1.00', currency: 'EUR', receivedOn: today, method: 'CARD' },
        })
      ).status,
    ).toBe(403);
  });

  it('when a payment names an invoice that does not exist or is malformed, then nothing is written and the answer says why', async () => {
    const unknown = await pay({ paymentReference: 'BANK-NONE', amount: '1.00' }, receivables, 'INV-00000000000000000000000000');
    expect(unknown.status).toBe(404);
    const malformed = await pay({ paymentReference: 'BANK-BAD', amount: 'twelve' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.problem)).toContain('amount');
  });
});
