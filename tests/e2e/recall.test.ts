import { beforeAll, describe, expect, it } from 'vitest';
import { RecallAccepted, RecallPackage, RecallView } from '../../shared/recalls/schemas/recall.js';
import { LotView, ReceiptAccepted } from '../../shared/inventory/schemas/inventory.js';
import { LotTrace } from '../../shared/inventory/schemas/trace.js';
import { OrderAccepted } from '../../shared/orders/schemas/order.js';
import { uniqueId } from '../support/fixtures.js';
import { staffToken } from '../support/staff.js';
import { deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, sentEmails, waitForOrder, type ApiClient } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';

const LOT = `RC-${uniqueId('L').slice(-8)}`;
const EXPIRY = '2029-12-31';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function waitForRecall(api: ApiClient, token: string, recallId: string, timeoutMs = 60_000): Promise<RecallView> {
  const deadline = Date.now() + timeoutMs;
  let last: RecallView | undefined;
  while (Date.now() < deadline) {
    const response = await api.json(RecallView, 'GET', `/v1/recalls/${recallId}`, { token });
    if (response.status === 200) {
      const body = response.body;
      last = body;
      if (body.status === 'COMPLETED' || body.status === 'FAILED') return body;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`recall ${recallId} did not complete (last: ${last?.status} ${last?.statusReason ?? ''})`);
}

describe('given one lot shipped to three customers and an open order holding units of it, when regulatory recalls the lot', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let regulatory: string;
  let compliance: string;
  let gtin: string;
  const run = uniqueId('R').toLowerCase();
  const customers: { customerId: string; email: string; quantity: number; orderId?: string }[] = [
    { customerId: '', email: `recall-a-${run}@example.test`, quantity: 5 },
    { customerId: '', email: `recall-b-${run}@example.test`, quantity: 7 },
    { customerId: '', email: `recall-c-${run}@example.test`, quantity: 9 },
  ];
  let openOrderId: string;
  let recallId: string;
  let recall: RecallView;
  let recallRoundTripMs: number;
  const recallBody = () => ({ class: 'I', reason: 'Sterile barrier may be breached: seal failures found in retained samples', gtin, lots: [LOT] });

  beforeAll(async () => {
    api = await portalApi(outputs);
    gtin = await givenProduct();
    const token = async (group: string) => (await staffToken(outputs, [group])).token;
    const [warehouse, quality] = await Promise.all([token('warehouse'), token('quality')]);
    [regulatory, compliance] = await Promise.all([token('regulatory'), token('compliance')]);
    // The lot comes in through receiving and quality release, as in the warehouse.
    const received = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      token: warehouse,
      body: { supplierId: 'SUP-MEDTEC', deliveryNote: uniqueId('DN'), lines: [{ gtin, lotNumber: LOT, expiry: EXPIRY, quantity: 100 }] },
    });
    expect(received.status, received.text).toBe(201);
    const released = await api.json(LotView, 'POST', `/v1/inventory/lots/${encodeURIComponent(`${gtin}-${LOT}`)}/inspection`, {
      token: quality,
      body: { result: 'PASS', notes: 'incoming inspection' },
    });
    expect(released.status, released.text).toBe(200);
    for (const customer of customers) customer.customerId = await givenCustomer({ contactEmail: customer.email });
    // Shipped through the normal order flow.
    await Promise.all(
      customers.map(async (customer) => {
        const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
          body: newOrder({ customerId: customer.customerId, lines: [{ gtin, quantity: customer.quantity }] }),
          headers: { 'idempotency-key': idempotencyKey() },
        });
        expect(placed.status, placed.text).toBe(202);
        customer.orderId = placed.body.orderId;
        await waitForShippedOrder(api, placed.body.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], 90_000).then((order) =>
          expect(order.status, order.statusReason).toBe('ARCHIVED'),
        );
      }),
    );
    // An open order: waiting for a credit release while holding 4 units of the lot (reserved as Allocate would).
    const openCustomer = await givenCustomer({ creditLimit: '1.00', contactEmail: `recall-open-${run}@example.test` });
    const open = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId: openCustomer, lines: [{ gtin, quantity: 4 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(open.status, open.text).toBe(202);
    openOrderId = open.body.orderId;
    await waitForOrder(api, openOrderId, ['AWAITING_APPROVAL']);
    const { reserveLine } = await import('../../shared/inventory/data/stock-repository.js');
    expect(await reserveLine(openOrderId, { lineNo: 1, gtin, picks: [{ lotNumber: LOT, expiry: EXPIRY, quantity: 4 }] })).toBe(true);

    const started = Date.now();
    const created = await api.json(RecallAccepted, 'POST', '/v1/recalls', {
      token: regulatory,
      body: recallBody(),
      headers: { 'idempotency-key': `recall-${run}` },
    });
    expect(created.status, created.text).toBe(202);
    recallId = created.body.recallId;
    recall = await waitForRecall(api, compliance, recallId);
    recallRoundTripMs = Date.now() - started;
    console.log(`recall ${recallId}: response time ${recall.responseTimeMs} ms recorded, ${recallRoundTripMs} ms seen by the client`);
  }, 240_000);

  it('then it completes in under 60 seconds and shows its response time', () => {
    expect(recall.status, recall.statusReason).toBe('COMPLETED');
    expect(recall.responseTimeMs).toBeGreaterThan(0);
    expect(recall.responseTimeMs).toBeLessThan(60_000);
    expect(recallRoundTripMs).toBeLessThan(60_000);
    expect(recall.archive).toMatchObject({ key: `recalls/${recallId}/package.json`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('then the lot is ON_HOLD and the open order is stopped, its reservation released, with the recall as reason', async () => {
    const { lotsOf } = await import('../../shared/inventory/data/stock-repository.js');
    expect(await lotsOf(gtin)).toEqual([expect.objectContaining({ lotNumber: LOT, status: 'ON_HOLD', onHand: 79, reserved: 0 })]);
    expect(recall.heldLots).toEqual([{ lotNumber: LOT, previousStatus: 'RELEASED', status: 'ON_HOLD' }]);
    expect(recall.stoppedOrders).toEqual([openOrderId]);
    const order = await waitForOrder(api, openOrderId, ['REJECTED']);
    expect(order.statusReason).toContain(`stopped by recall ${recallId}`);
  });

  it('then the package lists exactly the three customers with their quantities, ship dates and documents, and the stock still here', async () => {
    const response = await api.json(RecallPackage, 'GET', `/v1/recalls/${recallId}/package`, { token: regulatory });
    expect(response.status, response.text).toBe(200);
    const pkg = response.body;
    expect(pkg.consignees.map((c) => [c.customerId, c.quantity, c.quantityByLot])).toEqual(
      [...customers].sort((a, b) => a.customerId.localeCompare(b.customerId)).map((c) => [c.customerId, c.quantity, { [LOT]: c.quantity }]),
    );
    for (const customer of customers) {
      const consignee = pkg.consignees.find((c) => c.customerId === customer.customerId);
      expect(consignee).toMatchObject({
        contactEmail: customer.email,
        legalName: `Test customer ${customer.customerId}`,
        address: expect.objectContaining({ line1: '1 Hospital Road' }),
        letter: { status: 'SENT' },
      });
      expect(consignee!.shipments).toEqual([
        {
          lotNumber: LOT,
          quantity: customer.quantity,
          shippedAt: expect.any(String),
          orderId: customer.orderId,
          shipmentId: customer.orderId!.replace('ORD-', 'SHP-'),
          invoiceNumber: customer.orderId!.replace('ORD-', 'INV-'),
        },
      ]);
    }
    expect(pkg.stockOnHand).toEqual([{ lotNumber: LOT, expiry: EXPIRY, status: 'ON_HOLD', onHand: 79, reserved: 0 }]);
    expect(pkg.stoppedOrders).toEqual([{ orderId: openOrderId, lineNo: 1, lotNumber: LOT, quantity: 4 }]);
    expect(pkg.recall.progress).toEqual({
      consignees: 3,
      notified: 3,
      notificationFailed: 0,
      delivered: 0,
      bounced: 0,
      acknowledged: 0,
      unitsShipped: 21,
      unitsRecovered: 0,
    });
  });

  it('when the recalled lot is traced a page at a time, then the pages carry each of its three shipments once and the last has no nextToken', async () => {
    const quality = (await staffToken(outputs, ['quality'])).token;
    const path = `/v1/trace/lots/${gtin}/${LOT}`;
    const first = await api.json(LotTrace, 'GET', `${path}?limit=2`, { token: quality });
    expect(first.status, first.text).toBe(200);
    expect(first.body.shipments).toHaveLength(2);
    expect(first.body.consignees).toHaveLength(3);
    const second = await api.json(LotTrace, 'GET', `${path}?limit=2&nextToken=${encodeURIComponent(first.body.nextToken!)}`, { token: quality });
    expect(second.status, second.text).toBe(200);
    expect(second.body.nextToken).toBeUndefined();
    const whole = await api.json(LotTrace, 'GET', path, { token: quality });
    expect([...first.body.shipments, ...second.body.shipments]).toEqual(whole.body.shipments);
    expect(whole.body.shipments).toHaveLength(3);
    expect((await api.request('GET', `${path}?nextToken=forged`, { token: quality })).status).toBe(400);
  });

  it('then one letter per customer is in the outbox, naming the product, the lot, the quantity, the reason and an opaque link', async () => {
    const letters = (await sentEmails()).filter((email) => email.Subject.includes(recallId));
    expect(letters.flatMap((letter) => letter.To).sort()).toEqual(customers.map((c) => c.email).sort());
    for (const customer of customers) {
      const letter = letters.find((candidate) => candidate.To.includes(customer.email))!;
      expect(letter.Subject).toMatch(/^URGENT Medical device recall RCL-\w+ \(Class I\)/);
      expect(letter.BodyText).toContain(`lot ${LOT}: ${customer.quantity} unit(s)`);
      expect(letter.BodyText).toContain('Sterile barrier may be breached');
      expect(letter.BodyText).toMatch(/\/v1\/recall-acks\/[A-Za-z0-9_-]{27}\b/);
    }
  });

  it('when a customer opens the link and confirms with the quantity on hand, then the acknowledgement is recorded once and counted', async () => {
    const customer = customers[1]!;
    const letter = (await sentEmails()).find((email) => email.Subject.includes(recallId) && email.To.includes(customer.email))!;
    const ackPath = letter.BodyText!.match(/(\/v1\/recall-acks\/[A-Za-z0-9_-]{27})/)![1]!;
    const page = await api.request('GET', ackPath, { token: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post">');
    expect(page.text).toContain(`Test customer ${customer.customerId}`);
    expect((await api.json(RecallView, 'GET', `/v1/recalls/${recallId}`, { token: compliance })).body.progress.acknowledged).toBe(0);

    const form = new URLSearchParams({ quantityOnHand: '6', contactName: 'Dr. Jane Doe' }).toString();
    const confirmed = await api.request('POST', ackPath, { token: null, body: form, headers: FORM });
    expect(confirmed.status, confirmed.text).toBe(200);
    const again = await api.request('POST', ackPath, { token: null, body: form, headers: FORM });
    expect(again.status).toBe(409);

    const after = await api.json(RecallView, 'GET', `/v1/recalls/${recallId}`, { token: compliance });
    expect(after.body.progress).toMatchObject({ acknowledged: 1, unitsRecovered: 6 });
    // The link signs nothing: the recall archiver signs a new version from the recorded acknowledgement (stream -> bus -> archiver).
    const deadline = Date.now() + 60_000;
    let archived = after.body.archive;
    while (archived?.versionId === recall.archive!.versionId && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      archived = (await api.json(RecallView, 'GET', `/v1/recalls/${recallId}`, { token: compliance })).body.archive;
    }
    expect(archived!.versionId).not.toBe(recall.archive!.versionId);
    const pkg = await api.json(RecallPackage, 'GET', `/v1/recalls/${recallId}/package`, { token: compliance });
    expect(pkg.body.consignees.find((c) => c.customerId === customer.customerId)!.acknowledgement).toMatchObject({
      contactName: 'Dr. Jane Doe',
      quantityOnHand: 6,
    });
  });

  it('when the same request is retried with its Idempotency-Key, then the same recall is answered; a new recall of the lot is refused 409', async () => {
    const retried = await api.json(RecallAccepted, 'POST', '/v1/recalls', {
      token: regulatory,
      body: recallBody(),
      headers: { 'idempotency-key': `recall-${run}` },
    });
    expect(retried.status).toBe(202);
    expect(retried.body.recallId).toBe(recallId);
    const second = await api.json(RecallAccepted, 'POST', '/v1/recalls', {
      token: regulatory,
      body: recallBody(),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(second.status).toBe(409);
    expect(second.problem.detail).toContain(`lot ${LOT} is already recalled by ${recallId}`);
  });

  it('when the request is bad, names an unknown lot or comes from another role, then it is refused and nothing starts', async () => {
    const bad = await api.json(RecallAccepted, 'POST', '/v1/recalls', {
      token: regulatory,
      body: { ...recallBody(), class: 'IV' },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(bad.status).toBe(400);
    expect(bad.problem.errors).toEqual([expect.objectContaining({ path: 'class' })]);
    const unknown = await api.json(RecallAccepted, 'POST', '/v1/recalls', {
      token: regulatory,
      body: { ...recallBody(), lots: ['NEVER-RECEIVED'] },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.problem.detail).toContain('NEVER-RECEIVED');
    const wrongRole = await api.json(RecallAccepted, 'POST', '/v1/recalls', {
      token: compliance,
      body: recallBody(),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(wrongRole.status).toBe(403);
    const channel = await api.json(RecallView, 'GET', `/v1/recalls/${recallId}`);
    expect(channel.status).toBe(403);
    const noLink = await api.request('GET', '/v1/recall-acks/AAAAAAAAAAAAAAAAAAAAAAAAAAA', { token: null });
    expect(noLink.status).toBe(404);
  });
});
