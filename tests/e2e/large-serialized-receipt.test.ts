import { beforeAll, describe, expect, it } from 'vitest';
import { SerialTrace } from '../../shared/inventory/schemas/trace.js';
import { ReceiptAccepted, LotView, StockView } from '../../shared/inventory/schemas/inventory.js';
import { OrderAccepted } from '../../shared/orders/schemas/order.js';
import { uniqueGtin, uniqueId } from '../support/fixtures.js';
import { staffToken } from '../support/staff.js';
import { deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';

describe('given a delivery of 300 serialized catheters, larger than one DynamoDB transaction', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let warehouse: string;
  let quality: string;
  let orderDesk: string;
  const gtin = uniqueGtin();
  const lotNumber = `C${uniqueId('L').slice(-8)}`;
  const serials = Array.from({ length: 300 }, (_, i) => `CT-${lotNumber}-${String(i).padStart(4, '0')}`);
  const body = { supplierId: 'SUP-CATH', deliveryNote: uniqueId('DN'), lines: [{ gtin, lotNumber, expiry: '2029-09-30', serials }] };

  beforeAll(async () => {
    api = await portalApi(outputs);
    await givenProduct({ gtin, serialControlled: true });
    [warehouse, quality, orderDesk] = await Promise.all([
      staffToken(outputs, ['warehouse']).then((user) => user.token),
      staffToken(outputs, ['quality']).then((user) => user.token),
      staffToken(outputs, ['order-desk']).then((user) => user.token),
    ]);
  });

  it('when it is received over the API, then 201 with all 300 serials in quarantine, and the same delivery again is 409 with stock unchanged', async () => {
    const received = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', { token: warehouse, body });
    expect(received.status, received.text).toBe(201);
    expect(received.body.lots).toEqual([expect.objectContaining({ lotNumber, quantity: 300, status: 'QUARANTINED' })]);
    expect([...received.body.lots[0]!.serials].sort()).toEqual(serials);

    const again = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', { token: warehouse, body });
    expect(again.status).toBe(409);
    expect(again.problem.detail).toContain(received.body.receiptId);
    const stock = await api.json(StockView, 'GET', `/v1/inventory?gtin=${gtin}`, { token: orderDesk });
    expect(stock.body.lots).toEqual([expect.objectContaining({ lotNumber, status: 'QUARANTINED', onHand: 300, available: 0 })]);
  });

  it('when another delivery repeats one of its serials among 200 new ones, then 409 names that serial and nothing of it is received', async () => {
    const otherLot = `D${lotNumber.slice(1)}`;
    const repeat = [...Array.from({ length: 200 }, (_, i) => `CT-${otherLot}-${i}`), serials[42]!];
    const refused = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      token: warehouse,
      body: { supplierId: 'SUP-CATH', deliveryNote: uniqueId('DN'), lines: [{ gtin, lotNumber: otherLot, expiry: '2029-09-30', serials: repeat }] },
    });
    expect(refused.status).toBe(409);
    expect(refused.problem.detail).toBe(`GTIN ${gtin} serial ${serials[42]} has already been received; each serial exists once`);
    expect((await api.json(SerialTrace, 'GET', `/v1/trace/serials/${gtin}/${encodeURIComponent(repeat[0]!)}`, { token: quality })).status).toBe(404);
    const stock = await api.json(StockView, 'GET', `/v1/inventory?gtin=${gtin}`, { token: orderDesk });
    expect(stock.body.totals.onHand).toBe(300);
  });

  it('when quality releases it and an order of 150 units is placed, then one line holds 150 distinct received serials', async () => {
    const released = await api.json(LotView, 'POST', `/v1/inventory/lots/${gtin}-${lotNumber}/inspection`, {
      token: quality,
      body: { result: 'PASS', notes: 'certificate of conformance checked' },
    });
    expect(released.status, released.text).toBe(200);
    expect(released.body).toMatchObject({ status: 'RELEASED', available: 300 });

    const customerId = await givenCustomer();
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin, quantity: 150 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status, placed.text).toBe(202);
    // Allocated and handed to the warehouse: the serials stay reserved until someone scans them.
    const order = await waitForOrder(api, placed.body.orderId, ['READY_TO_PICK', 'REJECTED', 'FAILED', 'AWAITING_STOCK'], 90_000);
    expect(order.status, `${order.status} ${order.statusReason ?? ''}`).toBe('READY_TO_PICK');
    const allocated = order.lines[0]!.allocations!.flatMap((allocation) => allocation.serials ?? []);
    expect(order.lines[0]!.allocations).toEqual([expect.objectContaining({ lotNumber, quantity: 150 })]);
    expect(new Set(allocated).size).toBe(150);
    for (const serial of allocated) expect(serials).toContain(serial);

    const stock = await api.json(StockView, 'GET', `/v1/inventory?gtin=${gtin}`, { token: orderDesk });
    expect(stock.body.lots).toEqual([expect.objectContaining({ lotNumber, available: 150 })]);
    expect(stock.body.lots[0]!.onHand - stock.body.lots[0]!.reserved).toBe(150);
  });
});
