import { beforeAll, describe, expect, it } from 'vitest';
import { LotTrace, SerialTrace, OrderTrace } from '../../shared/inventory/schemas/trace.js';
import { ReceiptAccepted, LotView, StockView, LotDetail } from '../../shared/inventory/schemas/inventory.js';
import { PickCheckResult } from '../../shared/inventory/schemas/shipment.js';
import { OrderAccepted } from '../../shared/orders/schemas/order.js';
import type { AdvanceShipNotice } from '../../shared/inventory/domain/asn.js';
import { GS } from '../../shared/inventory/domain/gs1.js';
import { uniqueGtin, uniqueId } from '../support/fixtures.js';
import { staffToken } from '../support/staff.js';
import { deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';

describe('given staff receiving, inspecting and holding stock over the API', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let warehouse: string;
  let quality: string;
  let orderDesk: string;
  const gtin = uniqueGtin();
  const serialGtin = uniqueGtin();
  const lotNumber = `L-${uniqueId('E').slice(-8)}`;
  const lotId = `${gtin}-${lotNumber}`;
  const delivery = () => ({ supplierId: 'SUP-MEDTEC', deliveryNote: uniqueId('DN') });
  const as = (token: string) => ({ token });
  let customerId: string;
  let orderId: string;
  const serialLot = `S-${uniqueId('E').slice(-6)}`;

  beforeAll(async () => {
    api = await portalApi(outputs);
    await givenProduct({ gtin });
    await givenProduct({ gtin: serialGtin, serialControlled: true });
    [warehouse, quality, orderDesk] = await Promise.all([
      staffToken(outputs, ['warehouse']).then((user) => user.token),
      staffToken(outputs, ['quality']).then((user) => user.token),
      staffToken(outputs, ['order-desk']).then((user) => user.token),
    ]);
  });

  it('when a warehouse user receives scanned labels and typed lines, then the lot is QUARANTINED with nothing available', async () => {
    const scan = `]d201${gtin}17280131` + `10${lotNumber}`;
    const received = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      ...as(warehouse),
      body: { ...delivery(), lines: [{ scan }, { scan: `${scan}${GS}3010` }, { gtin, lotNumber, expiry: '2028-01-31', quantity: 9 }] },
    });
    expect(received.status, received.text).toBe(201);
    expect(received.body.lots).toEqual([{ lotId, gtin, lotNumber, expiry: '2028-01-31', quantity: 20, serials: [], status: 'QUARANTINED' }]);

    const stock = await api.json(StockView, 'GET', `/v1/inventory?gtin=${gtin}`, as(orderDesk));
    expect(stock.status).toBe(200);
    expect(stock.body.lots).toEqual([expect.objectContaining({ lotId, status: 'QUARANTINED', onHand: 20, reserved: 0, available: 0, expired: false })]);
  });

  it('when the same delivery note is received again, then 409 names the first receipt and stock is unchanged', async () => {
    const body = { ...delivery(), lines: [{ gtin, lotNumber, expiry: '2028-01-31', quantity: 1 }] };
    const first = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', { ...as(warehouse), body });
    expect(first.status).toBe(201);
    const again = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', { ...as(warehouse), body });
    expect(again.status).toBe(409);
    expect(again.problem.detail).toContain(first.body.receiptId);
    const stock = await api.json(StockView, 'GET', `/v1/inventory?gtin=${gtin}`, as(warehouse));
    expect(stock.body.totals.onHand).toBe(21);
  });

  it('when a scan has a bad check digit, then 422 gives the parser’s reason and nothing is received', async () => {
    const response = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      ...as(warehouse),
      body: { ...delivery(), lines: [{ scan: `(01)${gtin.slice(0, 13)}${(Number(gtin[13]) + 1) % 10}(17)280131(10)X` }] },
    });
    expect(response.status).toBe(422);
    expect(response.problem.errors![0]).toEqual({ path: 'lines.0', message: expect.stringMatching(/has check digit \d, expected \d/) });
  });

  it('when serial-controlled units are received, then a serial already in stock is refused with nothing written', async () => {
    const first = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      ...as(warehouse),
      body: {
        ...delivery(),
        lines: [{ scan: `(01)${serialGtin}(17)281231(10)${serialLot}(21)SN-1` }, { scan: `(01)${serialGtin}(17)281231(10)${serialLot}(21)SN-2` }],
      },
    });
    expect(first.status, first.text).toBe(201);
    expect(first.body.lots[0]).toMatchObject({ quantity: 2, serials: ['SN-1', 'SN-2'] });
    const again = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      ...as(warehouse),
      body: { ...delivery(), lines: [{ gtin: serialGtin, lotNumber: serialLot, expiry: '2028-12-31', serials: ['SN-3', 'SN-2'] }] },
    });
    expect(again.status).toBe(409);
    expect(again.problem.detail).toBe(`GTIN ${serialGtin} serial SN-2 has already been received; each serial exists once`);
    const stock = await api.json(StockView, 'GET', `/v1/inventory?gtin=${serialGtin}`, as(warehouse));
    expect(stock.body.totals.onHand).toBe(2);
  });

  it('when anyone but the quality unit inspects, then 403; when a channel token is used, then 403', async () => {
    const body = { result: 'PASS', notes: 'visual check ok' };
    expect((await api.json(LotView, 'POST', `/v1/inventory/lots/${lotId}/inspection`, { ...as(warehouse), body })).status).toBe(403);
    expect((await api.json(LotView, 'POST', `/v1/inventory/lots/${lotId}/inspection`, { body })).status).toBe(403);
    expect(
      (
        await api.json(ReceiptAccepted, 'POST', `/v1/inventory/receipts`, {
          ...as(quality),
          body: { ...delivery(), lines: [{ gtin, lotNumber, expiry: '2028-01-31', quantity: 1 }] },
        })
      ).status,
    ).toBe(403);
    expect((await api.json(StockView, 'GET', `/v1/inventory?gtin=${gtin}`, { token: null })).status).toBe(401);
  });

  it('when quality passes the inspection, holds the lot and releases it, then each change is an audited event and only RELEASED stock is available', async () => {
    const passed = await api.json(LotView, 'POST', `/v1/inventory/lots/${lotId}/inspection`, {
      ...as(quality),
      body: { result: 'PASS', notes: 'certificate of conformance checked' },
    });
    expect(passed.status, passed.text).toBe(200);
    expect(passed.body).toMatchObject({ status: 'RELEASED', available: 21 });

    const twice = await api.json(LotView, 'POST', `/v1/inventory/lots/${lotId}/inspection`, {
      ...as(quality),
      body: { result: 'FAIL', notes: 'second thoughts' },
    });
    expect(twice.status).toBe(409);
    expect(twice.problem.detail).toMatch(/already passed inspection/);

    const held = await api.json(LotView, 'POST', `/v1/inventory/lots/${lotId}/hold`, {
      ...as(quality),
      body: { action: 'HOLD', reason: 'field safety notice FSN-12' },
    });
    expect(held.body).toMatchObject({ status: 'ON_HOLD', available: 0 });
    const released = await api.json(LotView, 'POST', `/v1/inventory/lots/${lotId}/hold`, {
      ...as(quality),
      body: { action: 'RELEASE', reason: 'FSN-12 closed, lot not affected' },
    });
    expect(released.body).toMatchObject({ status: 'RELEASED', available: 21 });

    const lot = await api.json(LotDetail, 'GET', `/v1/inventory/lots/${lotId}`, as(orderDesk));
    expect(lot.status).toBe(200);
    expect(lot.body.receipts).toHaveLength(2);
    expect(lot.body.events.map((event) => [event.type, event.fromStatus ?? null, event.toStatus])).toEqual([
      ['RECEIVED', null, 'QUARANTINED'],
      ['RECEIVED', null, 'QUARANTINED'],
      ['INSPECTION_PASSED', 'QUARANTINED', 'RELEASED'],
      ['HOLD', 'RELEASED', 'ON_HOLD'],
      ['RELEASE_HOLD', 'ON_HOLD', 'RELEASED'],
    ]);
    expect(lot.body.events[3]).toMatchObject({ actor: expect.stringMatching(/^user:staff-quality-/), notes: 'field safety notice FSN-12', reservedUnits: 0 });
  });

  it('when a user in both warehouse and quality receives a lot, then they may not pass its inspection (403) and a second person releases it', async () => {
    const both = (await staffToken(outputs, ['warehouse', 'quality'])).token;
    const ownGtin = uniqueGtin();
    await givenProduct({ gtin: ownGtin });
    const ownLot = `F-${uniqueId('E').slice(-8)}`;
    const received = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      ...as(both),
      body: { ...delivery(), lines: [{ gtin: ownGtin, lotNumber: ownLot, expiry: '2028-01-31', quantity: 2 }] },
    });
    expect(received.status, received.text).toBe(201);

    const own = await api.json(LotView, 'POST', `/v1/inventory/lots/${ownGtin}-${ownLot}/inspection`, { ...as(both), body: { result: 'PASS', notes: 'mine' } });
    expect(own.status).toBe(403);
    expect(own.problem.detail).toMatch(/may not release it/);
    const other = await api.json(LotView, 'POST', `/v1/inventory/lots/${ownGtin}-${ownLot}/inspection`, {
      ...as(quality),
      body: { result: 'PASS', notes: 'checked' },
    });
    expect(other.body).toMatchObject({ status: 'RELEASED' });
  });

  it('when a released lot receives more goods, then 409: new goods cannot join inspected stock', async () => {
    const response = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      ...as(warehouse),
      body: { ...delivery(), lines: [{ gtin, lotNumber, expiry: '2028-01-31', quantity: 1 }] },
    });
    expect(response.status).toBe(409);
    expect(response.problem.detail).toMatch(/already been inspected or held/);
  });

  it('when an order for the product is placed after release, then it is fulfilled from the received lot', async () => {
    customerId = await givenCustomer();
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin, quantity: 3 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(202);
    orderId = placed.body.orderId;
    const order = await waitForShippedOrder(api, orderId, ['ARCHIVED', 'REJECTED', 'FAILED']);
    expect(order.status).toBe('ARCHIVED');
    const stock = await api.json(StockView, 'GET', `/v1/inventory?gtin=${gtin}`, as(warehouse));
    expect(stock.body.lots[0]).toMatchObject({ onHand: 18, reserved: 0, available: 18 });
  });

  it('when a lot is unknown or the query is bad, then 404 and 400', async () => {
    expect((await api.json(LotDetail, 'GET', `/v1/inventory/lots/${gtin}-NOPE`, as(quality))).status).toBe(404);
    expect(
      (await api.json(LotView, 'POST', `/v1/inventory/lots/${gtin}-NOPE/inspection`, { ...as(quality), body: { result: 'PASS', notes: 'x' } })).status,
    ).toBe(404);
    const bad = await api.json(StockView, 'GET', '/v1/inventory?gtin=123', as(quality));
    expect(bad.status).toBe(400);
    expect(bad.problem.errors![0]!.path).toBe('gtin');
  });

  it('when the order has shipped, then an advance ship notice (X12 856 structure) naming the lot and expiry was emitted', async () => {
    const { findAdvanceShipNotice } = await import('../../shared/inventory/data/shipment-repository.js');
    const notice = await findAdvanceShipNotice(orderId, orderId.replace(/^ORD-/, 'SHP-'));
    expect(notice).toMatchObject({ eventType: 'ADVANCE_SHIP_NOTICE' });
    const asn = notice!.asn as AdvanceShipNotice;
    expect(asn.order).toMatchObject({ orderId, customerId });
    expect(asn.items).toEqual([expect.objectContaining({ lin: { lineNo: 1, gtin, lotNumber }, sn1: { quantity: 3, unit: 'EA' }, expiry: '2028-01-31' })]);
    expect(notice!.x12).toContain(`LIN*1*UK*${gtin}*LT*${lotNumber}~`);
  });

  it('when the packing station scans the order, then the allocated units pass, and a wrong lot and an over-scan are refused with reasons', async () => {
    const unit = `]d201${gtin}17280131` + `10${lotNumber}`;
    const response = await api.json(PickCheckResult, 'POST', `/v1/orders/${orderId}/pick-check`, {
      ...as(warehouse),
      body: { scans: [unit, `(01)${gtin}(17)280131(10)OTHER-LOT`, unit, unit, unit] },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.verdicts.map((verdict) => (verdict.accepted ? 'ok' : verdict.refusal))).toEqual(['ok', 'WRONG_LOT', 'ok', 'ok', 'OVER_SCAN']);
    expect(response.body).toMatchObject({ complete: true, outstanding: [] });
    expect((await api.json(PickCheckResult, 'POST', `/v1/orders/${orderId}/pick-check`, { ...as(quality), body: { scans: [unit] } })).status).toBe(403);
  });

  it('when the lot is traced forwards, then exactly the customer that received it is named with quantity and date, plus supplier and remaining stock', async () => {
    const trace = await api.json(LotTrace, 'GET', `/v1/trace/lots/${gtin}/${encodeURIComponent(lotNumber)}`, as(quality));
    expect(trace.status, trace.text).toBe(200);
    expect(trace.body).toMatchObject({
      gtin,
      lotNumber,
      expiry: '2028-01-31',
      status: 'RELEASED',
      remaining: { onHand: 18, reserved: 0, available: 18 },
      shippedQuantity: 3,
      openOrders: [],
    });
    expect(trace.body.consignees).toEqual([
      {
        customerId,
        legalName: `Test customer ${customerId}`,
        contactEmail: expect.any(String),
        quantity: 3,
        firstShippedAt: expect.any(String),
        lastShippedAt: expect.any(String),
        orders: [orderId],
      },
    ]);
    expect(trace.body.suppliers.map((supplier) => supplier.supplierId)).toEqual(['SUP-MEDTEC', 'SUP-MEDTEC']);
  });

  it('when the order is traced backwards, then its line leads to the lot and the lot to its suppliers', async () => {
    const trace = await api.json(OrderTrace, 'GET', `/v1/trace/orders/${orderId}`, as(orderDesk));
    expect(trace.status).toBe(200);
    expect(trace.body.lines).toEqual([
      {
        lineNo: 1,
        gtin,
        reservationStatus: 'SHIPPED',
        lots: [
          {
            lotNumber,
            expiry: '2028-01-31',
            quantity: 3,
            suppliers: [expect.objectContaining({ supplierId: 'SUP-MEDTEC' }), expect.objectContaining({ supplierId: 'SUP-MEDTEC' })],
          },
        ],
      },
    ]);
  });

  it('when a serialized unit is released, ordered and shipped, then its trace names the customer and the serial shows on the lot trace', async () => {
    const released = await api.json(LotView, 'POST', `/v1/inventory/lots/${serialGtin}-${serialLot}/inspection`, {
      ...as(quality),
      body: { result: 'PASS', notes: 'ok' },
    });
    expect(released.status).toBe(200);
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin: serialGtin, quantity: 1 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    const order = await waitForShippedOrder(api, placed.body.orderId, ['ARCHIVED', 'REJECTED', 'FAILED']);
    expect(order.status, order.statusReason).toBe('ARCHIVED');
    const [serial] = order.lines[0]!.allocations![0]!.serials!;
    expect(['SN-1', 'SN-2']).toContain(serial);

    const unit = await api.json(SerialTrace, 'GET', `/v1/trace/serials/${serialGtin}/${serial}`, as(quality));
    expect(unit.body).toMatchObject({
      gtin: serialGtin,
      serial,
      lotNumber: serialLot,
      status: 'SHIPPED',
      orderId: placed.body.orderId,
      customerId,
      supplier: { supplierId: 'SUP-MEDTEC' },
    });
    const lot = await api.json(LotTrace, 'GET', `/v1/trace/lots/${serialGtin}/${serialLot}`, as(quality));
    expect(lot.body.shipments).toEqual([expect.objectContaining({ orderId: placed.body.orderId, quantity: 1, serials: [serial] })]);
  });

  it('when trace is asked by a warehouse user or for unknown things, then 403 and 404', async () => {
    expect((await api.json(LotTrace, 'GET', `/v1/trace/lots/${gtin}/${lotNumber}`, as(warehouse))).status).toBe(403);
    expect((await api.json(LotTrace, 'GET', `/v1/trace/lots/${gtin}/NOPE`, as(quality))).status).toBe(404);
    expect((await api.json(SerialTrace, 'GET', `/v1/trace/serials/${serialGtin}/NOPE`, as(quality))).status).toBe(404);
    expect((await api.json(OrderTrace, 'GET', '/v1/trace/orders/ORD-00000000000000000000000000', as(quality))).status).toBe(404);
    expect((await api.json(LotTrace, 'GET', `/v1/trace/lots/123/${lotNumber}`, as(quality))).status).toBe(400);
  });
});
