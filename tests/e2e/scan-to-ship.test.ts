import { beforeAll, describe, expect, it } from 'vitest';
import { PickTaskView, PickWorkList, ShipmentAccepted } from '../../shared/inventory/schemas/shipment.js';
import { LotTrace, OrderTrace } from '../../shared/inventory/schemas/trace.js';
import { ReceiptAccepted, LotView } from '../../shared/inventory/schemas/inventory.js';
import { OrderAccepted, ChannelOrderView, OrderView } from '../../shared/orders/schemas/order.js';
import { labelScans } from '../../infra/local/scanner.js';
import { LOCAL_SHIP_FROM, TEST_PICK_TIMEOUT_SECONDS } from '../../infra/local/settings.js';
import type { AdvanceShipNotice } from '../../shared/inventory/domain/asn.js';
import { uniqueId } from '../support/fixtures.js';
import { staffToken } from '../support/staff.js';
import { availableStock } from '../support/stock.js';
import { deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, readerFor, waitForOrder, type ApiClient } from '../support/stack.js';

describe('given allocated orders waiting for the warehouse to scan them (scan-to-ship)', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let packer: { username: string; token: string };
  let secondPacker: { username: string; token: string };
  let quality: string;
  let orderDesk: string;
  let customerId: string;
  let gtin: string;
  let serialGtin: string;
  const serialLot = `S-${uniqueId('P').slice(-6)}`;
  const serials = ['SN-P1', 'SN-P2', 'SN-P3', 'SN-P4'];
  let orderId: string;
  let raceOrderId: string;
  let forgottenOrderId: string;
  let forgottenPlacedAt: number;
  let lines: PickTaskView['lines'];

  const as = (token: string) => ({ token });
  const place = async (orderLines: { gtin: string; quantity: number }[]) => {
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: orderLines }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status, placed.text).toBe(202);
    return placed.body.orderId;
  };
  const ship = (token: string, body: unknown, key = idempotencyKey()) =>
    api.json(ShipmentAccepted, 'POST', '/v1/shipments', { token, body, headers: { 'idempotency-key': key } });
  const pickTask = async (id: string) => (await api.json(PickTaskView, 'GET', `/v1/warehouse/picks/${id}`, as(packer.token))).body;

  beforeAll(async () => {
    api = await portalApi(outputs);
    [customerId, gtin, serialGtin, packer, secondPacker, quality] = await Promise.all([
      givenCustomer(),
      givenProduct({ quantity: 100 }),
      givenProduct({ serialControlled: true }),
      staffToken(outputs, ['warehouse']),
      staffToken(outputs, ['warehouse']),
      staffToken(outputs, ['quality']).then((user) => user.token),
    ]);
    // The timeline's warehouse events are the staff view's: a channel sees its order's customer-facing events only.
    orderDesk = (await staffToken(outputs, ['order-desk'])).token;
    // The forgotten order is placed first: it waits out the (shortened) pick timeout while the others run.
    forgottenPlacedAt = Date.now();
    forgottenOrderId = await place([{ gtin, quantity: 7 }]);
    const received = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      ...as(packer.token),
      body: { supplierId: 'SUP-MEDTEC', deliveryNote: uniqueId('DN'), lines: [{ gtin: serialGtin, lotNumber: serialLot, expiry: '2028-03-31', serials }] },
    });
    expect(received.status, received.text).toBe(201);
    const released = await api.json(LotView, 'POST', `/v1/inventory/lots/${serialGtin}-${serialLot}/inspection`, {
      ...as(quality),
      body: { result: 'PASS', notes: 'ok' },
    });
    expect(released.status, released.text).toBe(200);
    [orderId, raceOrderId] = await Promise.all([
      place([
        { gtin, quantity: 3 },
        { gtin: serialGtin, quantity: 2 },
      ]),
      place([{ gtin, quantity: 1 }]),
    ]);
    await Promise.all([
      waitForOrder(api, orderId, ['READY_TO_PICK', 'REJECTED', 'FAILED']),
      waitForOrder(api, raceOrderId, ['READY_TO_PICK', 'REJECTED', 'FAILED']),
    ]);
    lines = (await pickTask(orderId)).lines;
  });

  it('when the order is allocated, then it waits in READY_TO_PICK, and the warehouse sees it with its lots and serials (never the task token)', async () => {
    const order = (await (await readerFor(api, OrderView)).json(OrderView, 'GET', `/v1/orders/${orderId}`)).body;
    expect(order.status).toBe('READY_TO_PICK');
    expect(order.timeline.map((event) => event.type)).toContain('READY_TO_PICK');
    const task = await api.json(PickTaskView, 'GET', `/v1/warehouse/picks/${orderId}`, as(packer.token));
    expect(task.status, task.text).toBe(200);
    expect(task.body).toMatchObject({ orderId, round: 0, status: 'PENDING', customerId, pickBy: expect.any(String) });
    expect(task.body.lines).toEqual([
      { lineNo: 1, gtin, quantity: 3, picks: [{ lotNumber: 'T1', expiry: '2029-12-31', quantity: 3 }] },
      { lineNo: 2, gtin: serialGtin, quantity: 2, picks: [{ lotNumber: serialLot, expiry: '2028-03-31', quantity: 2, serials: expect.any(Array) }] },
    ]);
    expect(task.text).not.toMatch(/taskToken|token/i);

    let found: PickTaskView | undefined;
    let cursor: string | undefined;
    do {
      const page = await api.json(PickWorkList, 'GET', `/v1/warehouse/picks?limit=100${cursor ? `&cursor=${cursor}` : ''}`, as(packer.token));
      expect(page.status, page.text).toBe(200);
      found ??= page.body.picks.find((pick) => pick.orderId === orderId);
      cursor = page.body.next;
    } while (!found && cursor);
    expect(found).toMatchObject({ orderId, status: 'PENDING' });
    expect((await api.json(PickWorkList, 'GET', '/v1/warehouse/picks?cursor=not-a-cursor', as(packer.token))).status).toBe(400);
  });

  it('when a wrong lot and an over-scan are sent, then 422 names each refused scan and what is missing, and nothing changes', async () => {
    const [, ...serialScans] = labelScans(lines);
    const wrongLot = `(01)${gtin}(17)291231(30)3(10)OTHER-LOT`;
    const overScan = `(01)${gtin}(17)291231(30)4(10)T1`;
    const refused = await ship(packer.token, { orderId, scans: [wrongLot, overScan, ...serialScans] });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.problem.verdicts!.map((verdict) => (verdict.accepted ? 'ok' : verdict.refusal))).toEqual(['WRONG_LOT', 'OVER_SCAN', 'ok', 'ok']);
    expect(refused.problem.detail).toMatch(/lot OTHER-LOT was not allocated to this order; pick lot\(s\) T1/);
    expect(refused.problem.detail).toMatch(/4 unit\(s\) of GTIN \d+ lot T1 scanned but only 3 still to pick/);
    expect(refused.problem.outstanding).toEqual([{ lineNo: 1, gtin, lotNumber: 'T1', quantity: 3 }]);

    const foreignSerial = `(01)${serialGtin}(17)280331(10)${serialLot}(21)NOT-OURS`;
    const partial = await ship(packer.token, { orderId, scans: [labelScans(lines)[0]!, foreignSerial] });
    expect(partial.status).toBe(422);
    expect(partial.problem.verdicts![1]).toMatchObject({ accepted: false, refusal: 'WRONG_SERIAL' });
    expect(partial.problem.outstanding).toEqual([{ lineNo: 2, gtin: serialGtin, lotNumber: serialLot, quantity: 2 }]);

    expect(await pickTask(orderId)).toMatchObject({ status: 'PENDING' });
    const order = (await (await readerFor(api, OrderView)).json(OrderView, 'GET', `/v1/orders/${orderId}`)).body;
    expect(order.status).toBe('READY_TO_PICK');
    expect(order.timeline.map((event) => event.type)).not.toContain('PICK_CONFIRMED');
  });

  it('when a channel token or a user outside the warehouse group confirms, then 403 and nothing changes', async () => {
    const body = { orderId, scans: labelScans(lines) };
    const channel = await api.json(ShipmentAccepted, 'POST', '/v1/shipments', { body, headers: { 'idempotency-key': idempotencyKey() } });
    expect(channel.status).toBe(403);
    expect((await ship(quality, body)).status).toBe(403);
    expect((await api.json(PickTaskView, 'GET', `/v1/warehouse/picks/${orderId}`)).status).toBe(403);
    expect(await pickTask(orderId)).toMatchObject({ status: 'PENDING' });
  });

  it('when two packers confirm the same order at the same moment, then exactly one wins and the other is told who did', async () => {
    const scans = labelScans((await pickTask(raceOrderId)).lines);
    const answers = await Promise.all([ship(packer.token, { orderId: raceOrderId, scans }), ship(secondPacker.token, { orderId: raceOrderId, scans })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
    const winner = answers.find((answer) => answer.status === 202)!.body.confirmedBy;
    expect(answers.find((answer) => answer.status === 409)!.problem.detail).toContain(winner);
    expect(await pickTask(raceOrderId)).toMatchObject({ status: 'CONFIRMED', confirmedBy: winner });
    const order = (await api.json(OrderView, 'GET', `/v1/orders/${raceOrderId}`, as(orderDesk))).body;
    expect(order.timeline.filter((event) => event.type === 'PICK_CONFIRMED')).toHaveLength(1);
  });

  it('when exactly the allocation is scanned, then 202, the order ships those serials from the configured warehouse, and a second confirmation is refused', async () => {
    const scans = labelScans(lines);
    const key = idempotencyKey();
    const confirmed = await ship(packer.token, { orderId, scans }, key);
    expect(confirmed.status, confirmed.text).toBe(202);
    const scannedSerials: string[] = lines[1]!.picks[0]!.serials!;
    expect(confirmed.body).toMatchObject({
      shipmentId: orderId.replace(/^ORD-/, 'SHP-'),
      orderId,
      status: 'CONFIRMED',
      confirmedBy: `user:${packer.username}`,
      picked: [
        { lineNo: 1, gtin, lotNumber: 'T1', quantity: 3 },
        { lineNo: 2, gtin: serialGtin, lotNumber: serialLot, quantity: 2, serials: [...scannedSerials].sort() },
      ],
    });
    // The same request again (a retry) gets the same answer; another confirmation is refused.
    const replay = await ship(packer.token, { orderId, scans }, key);
    expect(replay.status).toBe(202);
    expect(replay.body.confirmedAt).toBe(confirmed.body.confirmedAt);
    const again = await ship(secondPacker.token, { orderId, scans });
    expect(again.status).toBe(409);
    expect(again.problem.detail).toContain(`already confirmed by user:${packer.username}`);

    const archived = await waitForOrder(api, orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], 60_000, OrderView);
    expect(archived.status, archived.statusReason).toBe('ARCHIVED');
    const shipped = archived.timeline.find((event) => event.type === 'ORDER_SHIPPED');
    expect(shipped!.detail).toMatchObject({ pickedBy: `user:${packer.username}`, shipFrom: LOCAL_SHIP_FROM.gln });

    const trace = await api.json(LotTrace, 'GET', `/v1/trace/lots/${serialGtin}/${serialLot}`, as(quality));
    expect(trace.body.shipments).toEqual([expect.objectContaining({ orderId, customerId, quantity: 2, serials: [...scannedSerials].sort() })]);
    const { findAdvanceShipNotice } = await import('../../shared/inventory/data/shipment-repository.js');
    const notice = await findAdvanceShipNotice(orderId, orderId.replace(/^ORD-/, 'SHP-'));
    expect((notice!.asn as AdvanceShipNotice).shipment.shipFrom).toEqual(LOCAL_SHIP_FROM);
    expect(notice!.x12).toContain(`N1*SF*${LOCAL_SHIP_FROM.name}*UL*${LOCAL_SHIP_FROM.gln}~`);
  });

  it('when quality holds the picked lot before the scan is shipped, then nothing held ships: the order is allocated again from another lot and needs a new scan', async () => {
    // Two lots received and released over the API (a hold needs the lot's registry); FEFO takes T1 first.
    const heldGtin = await givenProduct();
    const lots = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      ...as(packer.token),
      body: {
        supplierId: 'SUP-MEDTEC',
        deliveryNote: uniqueId('DN'),
        lines: [
          { gtin: heldGtin, lotNumber: 'T1', expiry: '2029-12-31', quantity: 10 },
          { gtin: heldGtin, lotNumber: 'T2', expiry: '2030-06-30', quantity: 10 },
        ],
      },
    });
    expect(lots.status, lots.text).toBe(201);
    for (const lot of ['T1', 'T2']) {
      expect(
        (await api.json(LotView, 'POST', `/v1/inventory/lots/${heldGtin}-${lot}/inspection`, { ...as(quality), body: { result: 'PASS', notes: 'ok' } })).status,
      ).toBe(200);
    }
    const heldOrderId = await place([{ gtin: heldGtin, quantity: 2 }]);
    await waitForOrder(api, heldOrderId, ['READY_TO_PICK', 'REJECTED', 'FAILED']);
    const first = await pickTask(heldOrderId);
    expect(first).toMatchObject({ round: 0, lines: [expect.objectContaining({ picks: [expect.objectContaining({ lotNumber: 'T1' })] })] });

    const hold = await api.json(LotView, 'POST', `/v1/inventory/lots/${heldGtin}-T1/hold`, {
      ...as(quality),
      body: { action: 'HOLD', reason: 'field safety notice' },
    });
    expect(hold.status, hold.text).toBe(200);
    // The packer had the units in hand and scans them: the confirmation is taken, the Ship step refuses the held lot.
    expect((await ship(packer.token, { orderId: heldOrderId, scans: labelScans(first.lines) })).status).toBe(202);

    const deadline = Date.now() + 60_000;
    let second: PickTaskView | undefined;
    while (Date.now() < deadline && second?.round !== 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      second = await pickTask(heldOrderId);
    }
    expect(second).toMatchObject({
      round: 1,
      status: 'PENDING',
      lines: [expect.objectContaining({ picks: [expect.objectContaining({ lotNumber: 'T2', quantity: 2 })] })],
    });
    // The first round's scan cannot ship the new allocation.
    expect((await ship(packer.token, { orderId: heldOrderId, scans: labelScans(first.lines) })).status).toBe(422);
    expect((await ship(packer.token, { orderId: heldOrderId, scans: labelScans(second!.lines) })).status).toBe(202);
    const done = await waitForOrder(api, heldOrderId, ['ARCHIVED', 'REJECTED', 'FAILED'], 60_000);
    expect(done.status, done.statusReason).toBe('ARCHIVED');
    const staffView = (await api.json(OrderView, 'GET', `/v1/orders/${heldOrderId}`, as(orderDesk))).body;
    expect(staffView.timeline.map((event) => event.type)).toEqual(expect.arrayContaining(['ALLOCATION_WITHDRAWN', 'PICK_CONFIRMED']));
    const shipped = await api.json(OrderTrace, 'GET', `/v1/trace/orders/${heldOrderId}`, as(quality));
    expect(shipped.body.lines).toEqual([
      expect.objectContaining({ reservationStatus: 'SHIPPED', lots: [expect.objectContaining({ lotNumber: 'T2', quantity: 2 })] }),
    ]);
    const heldTrace = await api.json(LotTrace, 'GET', `/v1/trace/lots/${heldGtin}/T1`, as(quality));
    expect(heldTrace.body.shipments).toEqual([]);
  });

  it(`when nobody scans an order within the pick timeout (${TEST_PICK_TIMEOUT_SECONDS} s in tests), then it is rejected with the reason, its stock goes back, and a late scan is refused`, async () => {
    const waitMs = TEST_PICK_TIMEOUT_SECONDS * 1000 + 60_000 - (Date.now() - forgottenPlacedAt);
    const rejected = await waitForOrder(api, forgottenOrderId, ['REJECTED', 'FAILED', 'ARCHIVED'], Math.max(waitMs, 30_000));
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.statusReason).toBe(
      `not picked: the warehouse did not confirm the scan-to-ship within ${TEST_PICK_TIMEOUT_SECONDS} seconds; the reserved stock was released`,
    );
    const task = await pickTask(forgottenOrderId);
    expect(task).toMatchObject({ status: 'EXPIRED', closedReason: rejected.statusReason });
    const { reservationsOf } = await import('../../shared/inventory/data/stock-repository.js');
    expect((await reservationsOf(forgottenOrderId)).map((reservation) => reservation.status)).toEqual(['RELEASED']);
    // 100 units seeded: the forgotten order's 7 are back; only the shipped 3 + 1 are gone.
    expect(await availableStock(gtin)).toEqual({ T1: 96 });
    const late = await ship(packer.token, { orderId: forgottenOrderId, scans: labelScans(task.lines) });
    expect(late.status).toBe(409);
  }, 180_000);
});
