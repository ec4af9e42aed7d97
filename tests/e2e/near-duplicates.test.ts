import { beforeAll, describe, expect, it } from 'vitest';
import { OrderAccepted, ChannelOrderView, OrderView, ResolutionResult } from '../../shared/orders/schemas/order.js';
import { sign, user } from '../support/approvals.js';
import {
  approvalLinkFor,
  sentEmails,
  channelApi,
  deployedStack,
  givenCustomer,
  givenProduct,
  idempotencyKey,
  newOrder,
  portalApi,
  waitForOrder,
  type ApiClient,
  readerFor,
} from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';

describe('given an order that repeats an earlier one of the same customer under another PO', () => {
  const outputs = deployedStack();
  let api: ApiClient;

  beforeAll(async () => {
    api = await portalApi(outputs);
  });

  const place = (body: unknown) => api.json(OrderAccepted, 'POST', '/v1/orders', { body, headers: { 'idempotency-key': idempotencyKey() } });
  const resolve = (orderId: string, action: 'merge' | 'keep' | 'cancel', body?: unknown, client: ApiClient = api) =>
    client.json(ResolutionResult, 'POST', `/v1/orders/${orderId}/${action}`, body === undefined ? {} : { body });
  const types = (order: { timeline: { type: string }[] }) => order.timeline.map((event) => event.type);

  /** An original and a near duplicate of it (same customer, ship-to and GTIN quantities, another PO). */
  async function givenHeldDuplicate(
    quantity: number,
    originalStatuses: string[],
    product: { unitPrice: string; deviceClass: 'I' | 'III' } = { unitPrice: '12.90', deviceClass: 'I' },
  ) {
    const [customerId, gtin] = await Promise.all([givenCustomer({ creditLimit: '1000000.00' }), givenProduct({ ...product, quantity: 100_000 })]);
    const shipTo = { name: 'ACME University Hospital', line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'US' };
    const original = await place(newOrder({ customerId, shipTo, lines: [{ gtin, quantity }] }));
    expect(original.status).toBe(202);
    const earlier = await waitForShippedOrder(api, original.body.orderId, originalStatuses);
    // The buyer's system sends it again under a new PO, typed a little differently.
    const repeat = newOrder({ customerId, shipTo: { ...shipTo, name: shipTo.name.toUpperCase() }, lines: [{ gtin, quantity }] });
    const held = await place(repeat);
    return { customerId, gtin, earlier, held, repeat };
  }

  it('when it arrives inside the window, then it is held as POSSIBLE_DUPLICATE with a link to the earlier order and no workflow', async () => {
    const { earlier, held } = await givenHeldDuplicate(2, ['ARCHIVED']);
    expect(held.status).toBe(202);
    expect(held.body).toMatchObject({
      status: 'POSSIBLE_DUPLICATE',
      possibleDuplicate: { orderId: earlier.orderId, customerPo: earlier.customerPo, suggestedActions: ['MERGE', 'KEEP', 'CANCEL'] },
      links: { merge: `/v1/orders/${held.body.orderId}/merge`, keep: `/v1/orders/${held.body.orderId}/keep`, cancel: `/v1/orders/${held.body.orderId}/cancel` },
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const view = (await api.json(ChannelOrderView, 'GET', `/v1/orders/${held.body.orderId}`)).body;
    expect(view.status).toBe('POSSIBLE_DUPLICATE');
    expect(types(view)).toEqual(['HELD_AS_POSSIBLE_DUPLICATE']);
  });

  it('when it is merged into the earlier order awaiting approval, then lines are combined and re-priced, both POs kept, both timelines tell it, and the merged order completes after approval of the new content', async () => {
    // 800 boxes at 12.90 = 10,320.00: over the 10,000.00 threshold, so the earlier order waits for finance.
    const { earlier, held, repeat } = await givenHeldDuplicate(800, ['AWAITING_APPROVAL']);
    expect(held.body.status).toBe('POSSIBLE_DUPLICATE');
    const heldId = held.body.orderId;

    const merged = await resolve(heldId, 'merge', { targetOrderId: earlier.orderId });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ orderId: heldId, status: 'MERGED', mergedInto: earlier.orderId });
    // A retried merge answers the same and changes nothing.
    expect((await resolve(heldId, 'merge', { targetOrderId: earlier.orderId })).body).toMatchObject({ status: 'MERGED', mergedInto: earlier.orderId });

    const target = (await api.json(ChannelOrderView, 'GET', `/v1/orders/${earlier.orderId}`)).body;
    expect(target).toMatchObject({
      status: 'AWAITING_APPROVAL',
      total: '20640.00',
      customerPo: earlier.customerPo,
      additionalCustomerPos: [repeat.customerPo],
      mergedFrom: [heldId],
    });
    expect(target.lines).toEqual([expect.objectContaining({ lineNo: 1, quantity: 1600, unitPrice: '12.90', lineTotal: '20640.00' })]);
    expect(types(target)).toContain('MERGED_FROM');
    const heldView = (await api.json(ChannelOrderView, 'GET', `/v1/orders/${heldId}`)).body;
    expect(heldView).toMatchObject({ status: 'MERGED', mergedInto: earlier.orderId, statusReason: `merged into ${earlier.orderId}` });
    expect(types(heldView)).toEqual(['HELD_AS_POSSIBLE_DUPLICATE', 'MERGED_INTO']);

    const { approvalPath } = await approvalLinkFor(earlier.orderId);
    expect((await sign(api, approvalPath, user('finance1'), 'APPROVED', { comment: 'merged order ok' })).status).toBe(200);
    const done = await waitForShippedOrder(api, earlier.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], 90_000, OrderView);
    expect(done).toMatchObject({ status: 'ARCHIVED', total: '20640.00' });
    expect(done.lines[0]!.allocations!.reduce((sum: number, lot: { quantity: number }) => sum + lot.quantity, 0)).toBe(1600);
    expect(done.signatures).toHaveLength(1);
  });

  it('when it is merged after one approver signed the earlier content, then that approval is asked again for the merged content before the order goes on', async () => {
    // 12 class III stents (10,200.00) need finance and regulatory in parallel.
    const { earlier, held } = await givenHeldDuplicate(12, ['AWAITING_APPROVAL'], { unitPrice: '850.00', deviceClass: 'III' });
    const regulatory = user('regulatory1');
    const finance = user('finance1');
    const [financeLink, regulatoryLink] = await Promise.all([
      approvalLinkFor(earlier.orderId, finance.email),
      approvalLinkFor(earlier.orderId, regulatory.email),
    ]);
    expect((await sign(api, regulatoryLink.approvalPath, regulatory, 'REVIEWED')).status).toBe(200);

    expect((await resolve(held.body.orderId, 'merge', { targetOrderId: earlier.orderId })).status).toBe(200);
    expect((await sign(api, financeLink.approvalPath, finance, 'APPROVED')).status).toBe(200);

    // The review was over the 12-stent content: ConcludeApprovals asks regulatory again, with a new link.
    const deadline = Date.now() + 30_000;
    let again: string | undefined;
    while (!again && Date.now() < deadline) {
      const paths = (await sentEmails())
        .filter((email) => email.Subject.includes(earlier.orderId) && email.To.includes(regulatory.email))
        .map((email) => email.BodyText?.match(/(\/v1\/approvals\/[A-Za-z0-9_-]+)/)?.[1]);
      again = paths.find((path) => path && path !== regulatoryLink.approvalPath);
      if (!again) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(again).toBeDefined();
    const waiting = (await (await readerFor(api, OrderView)).json(OrderView, 'GET', `/v1/orders/${earlier.orderId}`)).body;
    expect(waiting.status).toBe('AWAITING_APPROVAL');
    expect(types(waiting)).toContain('APPROVALS_REQUESTED_AGAIN');

    expect((await sign(api, again!, regulatory, 'REVIEWED', { comment: 'merged quantity reviewed' })).status).toBe(200);
    const done = await waitForShippedOrder(api, earlier.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], 90_000, OrderView);
    expect(done).toMatchObject({ status: 'ARCHIVED', total: '20400.00' });
    expect(done.signatures.map((s) => s.meaning).sort()).toEqual(['APPROVED', 'REVIEWED', 'REVIEWED']);
  });

  it('when it is kept, then it becomes a separate order that runs its own workflow, and keeping again changes nothing', async () => {
    const { held } = await givenHeldDuplicate(2, ['ARCHIVED']);
    const kept = await resolve(held.body.orderId, 'keep');
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ orderId: held.body.orderId, status: 'RECEIVED' });
    const done = await waitForShippedOrder(api, held.body.orderId, ['ARCHIVED', 'REJECTED', 'FAILED']);
    expect(done.status).toBe('ARCHIVED');
    expect(types(done)).toEqual(expect.arrayContaining(['HELD_AS_POSSIBLE_DUPLICATE', 'KEPT_AS_SEPARATE_ORDER']));
    expect((await resolve(held.body.orderId, 'keep')).status).toBe(200);
  });

  it('when it is cancelled, then a reason is required, it ends CANCELLED, cancelling again changes nothing and it can no longer be kept', async () => {
    const { held } = await givenHeldDuplicate(2, ['ARCHIVED']);
    const orderId = held.body.orderId;
    expect((await resolve(orderId, 'cancel', {})).status).toBe(400);
    const cancelled = await resolve(orderId, 'cancel', { reason: 'sent twice by the buyer' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect((await resolve(orderId, 'cancel', { reason: 'sent twice by the buyer' })).status).toBe(200);
    const view = (await api.json(ChannelOrderView, 'GET', `/v1/orders/${orderId}`)).body;
    expect(view).toMatchObject({ status: 'CANCELLED', statusReason: 'sent twice by the buyer' });
    const keep = await resolve(orderId, 'keep');
    expect(keep.status).toBe(409);
    expect(keep.problem.detail).toMatch(/only an order held as POSSIBLE_DUPLICATE/);
  });

  it('when another channel tries to resolve it, then it is not found', async () => {
    const { held } = await givenHeldDuplicate(2, ['ARCHIVED']);
    const edi = await channelApi(outputs, 'edi');
    expect((await resolve(held.body.orderId, 'cancel', { reason: 'not mine' }, edi)).status).toBe(404);
  });

  it('when it is merged into an earlier order that is already allocated, then 409 says why and nothing changes', async () => {
    const { earlier, held } = await givenHeldDuplicate(2, ['ARCHIVED']);
    const refused = await resolve(held.body.orderId, 'merge', { targetOrderId: earlier.orderId });
    expect(refused.status).toBe(409);
    expect(refused.problem.detail).toMatch(/already allocated \(status ARCHIVED\)/);
    expect((await api.json(ChannelOrderView, 'GET', `/v1/orders/${held.body.orderId}`)).body.status).toBe('POSSIBLE_DUPLICATE');
    expect((await api.json(ChannelOrderView, 'GET', `/v1/orders/${earlier.orderId}`)).body.lines[0]!.quantity).toBe(2);
  });
});
