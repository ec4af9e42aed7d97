import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RecallAccepted, RecallPackage, RecallView } from '../../shared/recalls/schemas/recall.js';
import { LotView, ReceiptAccepted } from '../../shared/inventory/schemas/inventory.js';
import { OrderAccepted, OrderView } from '../../shared/orders/schemas/order.js';
import { uniqueId } from '../support/fixtures.js';
import { sesBounce, sesDelivery } from '../support/ses-events.js';
import { staffToken } from '../support/staff.js';
import { deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, sentEmails, waitForOrder, type ApiClient } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';

const LOT = `RS-${uniqueId('L').slice(-8)}`;
const EXPIRY = '2029-12-31';
const SERIALS = Array.from({ length: 8 }, (_, index) => `SN-${index + 1}`);
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** The archived recall document (shared/recalls/services/archive.ts): the package as the API shows it, with its archive fields. */
const ArchivedRecall = z.looseObject({ package: RecallPackage });
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    last = await read();
  }
  return last;
};

/**
 * The emulator never produces SES delivery, bounce or complaint events, so
 * the test publishes them to the letters' topic as SES would (same shape),
 * and the deployed subscription carries them to the recorder.
 */
describe('given serialized units of one lot shipped to two customers and an open order holding one unit, when regulatory recalls three serials', () => {
  const outputs = deployedStack();
  const sns = new SNSClient({});
  let api: ApiClient;
  let regulatory: string;
  let compliance: string;
  let gtin: string;
  const run = uniqueId('S').toLowerCase();
  const customers = [
    { customerId: '', email: `serial-a-${run}@example.test`, orderId: '', serials: [] as string[] },
    { customerId: '', email: `serial-b-${run}@example.test`, orderId: '', serials: [] as string[] },
  ];
  let openOrderId: string;
  let openSerial: string;
  let approvalId: string;
  let recalled: string[];
  let recallId: string;
  let recall: RecallView;
  const body = (serials: string[]) => ({ class: 'II', reason: 'Battery may fail early: cells from a bad supplier batch', gtin, serials });

  const status = async () => (await api.json(RecallView, 'GET', `/v1/recalls/${recallId}`, { token: compliance })).body;
  const pkg = async () => (await api.json(RecallPackage, 'GET', `/v1/recalls/${recallId}/package`, { token: compliance })).body;

  beforeAll(async () => {
    api = await portalApi(outputs);
    gtin = await givenProduct({ serialControlled: true });
    const token = async (group: string) => (await staffToken(outputs, [group])).token;
    const [warehouse, quality] = await Promise.all([token('warehouse'), token('quality')]);
    [regulatory, compliance] = await Promise.all([token('regulatory'), token('compliance')]);
    const received = await api.json(ReceiptAccepted, 'POST', '/v1/inventory/receipts', {
      token: warehouse,
      body: { supplierId: 'SUP-MEDTEC', deliveryNote: uniqueId('DN'), lines: [{ gtin, lotNumber: LOT, expiry: EXPIRY, serials: SERIALS }] },
    });
    expect(received.status, received.text).toBe(201);
    const released = await api.json(LotView, 'POST', `/v1/inventory/lots/${encodeURIComponent(`${gtin}-${LOT}`)}/inspection`, {
      token: quality,
      body: { result: 'PASS', notes: 'incoming inspection' },
    });
    expect(released.status, released.text).toBe(200);
    for (const customer of customers) customer.customerId = await givenCustomer({ contactEmail: customer.email });
    await Promise.all(
      customers.map(async (customer) => {
        const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
          body: newOrder({ customerId: customer.customerId, lines: [{ gtin, quantity: 2 }] }),
          headers: { 'idempotency-key': idempotencyKey() },
        });
        expect(placed.status, placed.text).toBe(202);
        customer.orderId = placed.body.orderId;
        const order = await waitForShippedOrder(api, customer.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], 90_000);
        expect(order.status, order.statusReason).toBe('ARCHIVED');
        customer.serials = order.lines[0]!.allocations!.flatMap((pick) => pick.serials!);
      }),
    );
    // An open order waiting for a credit release while holding one unit (reserved as Allocate would).
    const openCustomer = await givenCustomer({ creditLimit: '1.00', contactEmail: `serial-open-${run}@example.test` });
    const open = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId: openCustomer, lines: [{ gtin, quantity: 1 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(open.status, open.text).toBe(202);
    openOrderId = open.body.orderId;
    const waiting = await waitForOrder(api, openOrderId, ['AWAITING_APPROVAL'], undefined, OrderView);
    const { pendingApprovals } = await import('../../shared/approvals/data/approval-repository.js');
    const [pending] = await until(
      () => pendingApprovals(waiting.requiredApprovals![0]!.role, openOrderId),
      (found) => found.length > 0,
      'approval request',
    );
    approvalId = pending!.approvalId;
    const shipped = new Set(customers.flatMap((c) => c.serials));
    openSerial = SERIALS.find((serial) => !shipped.has(serial))!;
    const { reserveLine } = await import('../../shared/inventory/data/stock-repository.js');
    expect(await reserveLine(openOrderId, { lineNo: 1, gtin, picks: [{ lotNumber: LOT, expiry: EXPIRY, quantity: 1, serials: [openSerial] }] })).toBe(true);

    const unknown = await api.json(RecallAccepted, 'POST', '/v1/recalls', {
      token: regulatory,
      body: body([customers[0]!.serials[0]!, 'SN-404', 'SN-405']),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(unknown.status, unknown.text).toBe(422);
    expect(unknown.problem.detail).toContain('serial(s) SN-404, SN-405 were never received');

    recalled = [customers[0]!.serials[0]!, customers[1]!.serials[1]!, openSerial];
    const created = await api.json(RecallAccepted, 'POST', '/v1/recalls', {
      token: regulatory,
      body: body(recalled),
      headers: { 'idempotency-key': `serial-recall-${run}` },
    });
    expect(created.status, created.text).toBe(202);
    recallId = created.body.recallId;
    recall = await until(status, (r) => r.status === 'COMPLETED' || r.status === 'FAILED', 'recall completion', 60_000);
    expect(recall.status, recall.statusReason).toBe('COMPLETED');
  }, 300_000);

  it('then the recalled units are held and the open order holding one is stopped, with its approval withdrawn', async () => {
    expect(recall.serials.map((s) => s.serial).sort()).toEqual([...recalled].sort());
    expect(recall.heldSerials).toEqual(
      expect.arrayContaining([
        { serial: openSerial, lotNumber: LOT, previousStatus: 'RESERVED', status: 'ON_HOLD' },
        { serial: recalled[0], lotNumber: LOT, previousStatus: 'SHIPPED', status: 'SHIPPED' },
      ]),
    );
    expect(recall.stoppedOrders).toEqual([openOrderId]);
    const order = await waitForOrder(api, openOrderId, ['REJECTED']);
    expect(order.statusReason).toContain(`stopped by recall ${recallId}`);
    const { findApproval } = await import('../../shared/approvals/data/approval-repository.js');
    expect(await findApproval(approvalId)).toMatchObject({ status: 'WITHDRAWN', withdrawnReason: expect.stringContaining(recallId) });
    const link = await api.request('GET', `/v1/approvals/${approvalId}`, { token: null });
    expect(link.status).toBe(410);
    expect(link.text).toContain('no longer needed');
  });

  it('then the rest of the lot stays available and allocation never offers the held unit', async () => {
    const { lotsOf } = await import('../../shared/inventory/data/stock-repository.js');
    const { freeSerials } = await import('../../shared/inventory/data/inventory-repository.js');
    // 8 received, 4 shipped, 1 recalled in stock: 3 left to sell, on a lot still RELEASED.
    expect(await lotsOf(gtin)).toEqual([expect.objectContaining({ lotNumber: LOT, status: 'RELEASED', onHand: 4, reserved: 0, available: 3 })]);
    const free = await until(
      () => freeSerials(gtin, LOT, 10),
      (serials) => serials.length === 3,
      'free serials',
    );
    expect(free).not.toContain(openSerial);
  });

  it('then the package lists each customer with only its recalled serial, and the letters name them', async () => {
    const { consignees } = await pkg();
    expect(consignees.map((c) => [c.customerId, c.quantity, c.shipments.map((s) => s.serials)])).toEqual(
      [...customers].sort((a, b) => a.customerId.localeCompare(b.customerId)).map((c) => [c.customerId, 1, [[c === customers[0] ? recalled[0] : recalled[1]]]]),
    );
    const letters = (await sentEmails()).filter((email) => email.Subject.includes(recallId));
    expect(letters).toHaveLength(2);
    const [a, b] = customers;
    expect(letters.find((l) => l.To.includes(a!.email))!.BodyText).toContain(`lot ${LOT}: 1 unit(s), serials ${recalled[0]}`);
    expect(letters.find((l) => l.To.includes(b!.email))!.BodyText).toContain(`lot ${LOT}: 1 unit(s), serials ${recalled[1]}`);
    expect(letters.find((l) => l.To.includes(a!.email))!.BodyText).not.toContain(a!.serials[1]!);
  });

  it('when SES reports one letter delivered and the other bounced, then progress counts them and the bounced consignee needs another contact route', async () => {
    const { consignees } = await pkg();
    const [a, b] = customers;
    const letterOf = (customer: { customerId: string }) => consignees.find((c) => c.customerId === customer.customerId)!.letter!;
    const now = Date.now();
    const publish = (message: unknown) => sns.send(new PublishCommand({ TopicArn: outputs.RecallLetterTopicArn, Message: JSON.stringify(message) }));
    await publish(sesDelivery(letterOf(a!).messageId!, a!.email, new Date(now).toISOString()));
    await publish(sesBounce(letterOf(b!).messageId!, b!.email, new Date(now + 1000).toISOString()));
    // A delayed delivery report older than the bounce changes nothing.
    await publish(sesDelivery(letterOf(b!).messageId!, b!.email, new Date(now).toISOString()));
    const after = await until(status, (r) => r.progress.delivered === 1 && r.progress.bounced === 1, 'delivery reports');
    expect(after.progress).toMatchObject({ consignees: 2, notified: 2, delivered: 1, bounced: 1 });
    expect(after.needsFollowUp).toEqual([
      { customerId: b!.customerId, legalName: `Test customer ${b!.customerId}`, letterStatus: 'BOUNCED', detail: expect.stringContaining('550 5.1.1') },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await status()).progress).toMatchObject({ delivered: 1, bounced: 1 });
  });

  it('when the first customer acknowledges with the serial on hand, then it is recorded per serial; closing is refused while the other is open, then accepted with an override, archived and signed', async () => {
    const [a, b] = customers;
    const letter = (await sentEmails()).find((email) => email.Subject.includes(recallId) && email.To.includes(a!.email))!;
    const ackPath = letter.BodyText!.match(/(\/v1\/recall-acks\/[A-Za-z0-9_-]{27})/)![1]!;
    const page = await api.request('GET', ackPath, { token: null });
    expect(page.text).toContain(`name="serialsOnHand" value="${recalled[0]}"`);
    const wrong = await api.request('POST', ackPath, { token: null, body: `quantityOnHand=1&contactName=Ann&serialsOnHand=${recalled[1]}`, headers: FORM });
    expect(wrong.status).toBe(422);
    const ack = await api.request('POST', ackPath, { token: null, body: `quantityOnHand=1&contactName=Ann+Lee&serialsOnHand=${recalled[0]}`, headers: FORM });
    expect(ack.status, ack.text).toBe(200);
    const acknowledged = (await pkg()).consignees.find((c) => c.customerId === a!.customerId)!.acknowledgement;
    expect(acknowledged).toMatchObject({ contactName: 'Ann Lee', quantityOnHand: 1, serialsOnHand: [recalled[0]] });

    const close = (extra: object) =>
      api.json(RecallView, 'POST', `/v1/recalls/${recallId}/close`, {
        token: regulatory,
        body: { outcome: 'EFFECTIVE', reason: 'All affected units traced and recovered', ...extra },
      });
    const refused = await close({});
    expect(refused.status, refused.text).toBe(409);
    expect(refused.problem.detail).toContain(`${b!.customerId} (letter bounced, not acknowledged)`);
    expect((await status()).status).toBe('COMPLETED');
    const notAllowed = await api.json(RecallView, 'POST', `/v1/recalls/${recallId}/close`, {
      token: compliance,
      body: { outcome: 'EFFECTIVE', reason: 'All affected units traced and recovered' },
    });
    expect(notAllowed.status).toBe(403);

    const before = (await status()).archive!;
    const closed = await close({ override: { justification: 'Customer B reached by phone on 2026-11-25; unit returned by courier' } });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'CLOSED',
      closure: { outcome: 'EFFECTIVE', closedBy: expect.stringMatching(/^user:/), override: expect.stringContaining('reached by phone') },
    });
    const archive = closed.body.archive!;
    expect(archive.versionId).not.toBe(before.versionId);
    const s3 = new S3Client({ forcePathStyle: true });
    const document = await s3.send(new GetObjectCommand({ Bucket: archive.bucket, Key: archive.key, VersionId: archive.versionId }));
    const archived = ArchivedRecall.parse(JSON.parse(await document.Body!.transformToString()));
    expect(archived.package.recall).toMatchObject({ status: 'CLOSED', closure: { outcome: 'EFFECTIVE' } });
    expect(archived.package.consignees.find((c) => c.customerId === a!.customerId)!.acknowledgement!.serialsOnHand).toEqual([recalled[0]]);
    const signature = await s3.send(new GetObjectCommand({ Bucket: archive.bucket, Key: `${archive.key}.sig.json` }));
    expect(JSON.parse(await signature.Body!.transformToString())).toMatchObject({
      document: { versionId: archive.versionId, sha256: archive.sha256 },
      signature: expect.any(String),
    });

    const again = await close({ override: { justification: 'Customer B reached by phone on 2026-11-25; unit returned by courier' } });
    expect(again.status).toBe(409);
    // A closed recall takes no more acknowledgements: B's link is gone (410) and the closed record stays as archived.
    const lateLetter = (await sentEmails()).find((email) => email.Subject.includes(recallId) && email.To.includes(b!.email))!;
    const latePath = lateLetter.BodyText!.match(/(\/v1\/recall-acks\/[A-Za-z0-9_-]{27})/)![1]!;
    const late = await api.request('POST', latePath, { token: null, body: `quantityOnHand=1&contactName=Bo&serialsOnHand=${recalled[1]}`, headers: FORM });
    expect(late.status, late.text).toBe(410);
    expect((await api.request('GET', latePath, { token: null })).status).toBe(410);
    expect((await status()).archive?.versionId).toBe(closed.body.archive?.versionId);
    expect((await pkg()).consignees.find((c) => c.customerId === b!.customerId)?.acknowledgement).toBeUndefined();
    // The claims ended with the close: the same unit can be recalled again.
    const second = await api.json(RecallAccepted, 'POST', '/v1/recalls', {
      token: regulatory,
      body: body([recalled[0]!]),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(second.status, second.text).toBe(202);
  });
});
