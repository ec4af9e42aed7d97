import { beforeAll, describe, expect, it } from 'vitest';
import { ReceiptAccepted, LotView } from '../../shared/inventory/schemas/inventory.js';
import { OrderAccepted } from '../../shared/orders/schemas/order.js';
import { uniqueId } from '../support/fixtures.js';
import { staffToken } from '../support/staff.js';
import { deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';

/** The test deployment lets a short order wait 45 s for stock, trying again every 5 s (infra/local/settings.ts). */
describe('given an order for a product with no released stock', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let gtin: string;
  let orderId: string;

  beforeAll(async () => {
    api = await portalApi(outputs);
    gtin = await givenProduct();
    const customerId = await givenCustomer();
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      headers: { 'idempotency-key': idempotencyKey() },
      body: newOrder({ customerId, lines: [{ gtin, quantity: 6 }] }),
    });
    expect(placed.status, placed.text).toBe(202);
    orderId = placed.body.orderId;
  });

  it('when the workflow reaches allocation, then the order waits for stock, saying what is missing and until when', async () => {
    const order = await waitForShippedOrder(api, orderId, ['AWAITING_STOCK', 'REJECTED', 'ARCHIVED']);
    expect(order.status).toBe('AWAITING_STOCK');
    expect(order.statusReason).toMatch(new RegExp(`^waiting for stock until \\S+Z: line 1 \\(${gtin}\\) short by 6$`));
    expect(order.timeline.map((event) => event.type)).toContain('STOCK_SHORT');
  });

  it('when the warehouse receives the goods and quality releases them, then the waiting order is allocated, shipped and archived', async () => {
    const lotNumber = `W-${uniqueId('L').slice(-8)}`;
    const [warehouse, quality] = await Promise.all([staffToken(outputs, ['warehouse']), staffToken(outputs, ['quality'])]);
    const received = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      token: warehouse.token,
      body: { supplierId: 'SUP-MEDTEC', deliveryNote: uniqueId('DN'), lines: [{ gtin, lotNumber, expiry: '2029-06-30', quantity: 10 }] },
    });
    expect(received.status, received.text).toBe(201);
    const released = await api.json(LotView, 'POST', `/v1/inventory/lots/${gtin}-${lotNumber}/inspection`, {
      token: quality.token,
      body: { result: 'PASS', notes: 'conforms' },
    });
    expect(released.status, released.text).toBe(200);

    const order = await waitForShippedOrder(api, orderId, ['ARCHIVED', 'REJECTED'], 60_000);
    expect(order.status, order.statusReason).toBe('ARCHIVED');
    expect(order.lines[0]!.allocations).toEqual([expect.objectContaining({ lotNumber, quantity: 6 })]);
    expect(order.timeline.map((event) => event.type)).toEqual(expect.arrayContaining(['STOCK_SHORT', 'STOCK_ALLOCATED']));
  });
});
