import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PendingApproval } from '../../shared/approvals/schemas/approval.js';
import { OrderAccepted, ChannelOrderView, OrderView } from '../../shared/orders/schemas/order.js';
import {
  approvalLinkFor,
  deployedStack,
  givenCustomer,
  givenProduct,
  idempotencyKey,
  newOrder,
  portalApi,
  waitForOrder,
  type ApiClient,
} from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';
import { orderContentHash } from '../../shared/orders/domain/order-fingerprint.js';
import { givenUser, openApprovalPage, sign, user, userToken } from '../support/approvals.js';
import { availableStock } from '../support/stock.js';

/** GET /v1/approvals: its operation declares this shape inline (no named schema). */
const PendingApprovals = z.object({ approvals: z.array(PendingApproval) });

const finance = user('finance1');
const regulatory = user('regulatory1');
const credit = user('credit1');

describe('given orders that need approvals', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let customerId: string;
  // Products of this file's own, priced like the demo gloves (class I) and stents (class III).
  let gloves: string;
  let stent: string;

  beforeAll(async () => {
    api = await portalApi(outputs);
    [customerId, gloves, stent] = await Promise.all([
      givenCustomer({ creditLimit: '1000000.00' }),
      givenProduct({ unitPrice: '12.90', deviceClass: 'I', quantity: 100_000 }),
      givenProduct({ unitPrice: '850.00', deviceClass: 'III', quantity: 500 }),
    ]);
  });

  async function placeAwaiting(lines: unknown[], overrides: Record<string, unknown> = {}, client: ApiClient = api) {
    const placed = await client.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines, ...overrides }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(202);
    const waiting = await waitForShippedOrder(client, placed.body.orderId, ['AWAITING_APPROVAL', 'ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(waiting.status).toBe('AWAITING_APPROVAL');
    return waiting;
  }

  it('when finance opens the emailed link and approves, then the order is archived with the signature manifestation in its record', async () => {
    const order = await placeAwaiting([{ gtin: gloves, quantity: 800 }]);
    expect(order.requiredApprovals).toEqual([{ reason: 'ORDER_VALUE_OVER_THRESHOLD', role: 'finance', detail: 'total 10320.00 is above 10000.00' }]);
    const { email, approvalPath } = await approvalLinkFor(order.orderId, finance.email);
    expect(email.BodyText).not.toMatch(/taskToken|AAAA[A-Za-z0-9+/]{100}/);

    const page = await openApprovalPage(api, approvalPath);
    expect(page.status).toBe(200);
    expect(page.html).toContain(order.orderId);
    expect(page.html).toContain('<option value="APPROVED">');
    expect((await openApprovalPage(api, approvalPath)).status).toBe(200);
    expect((await api.json(ChannelOrderView, 'GET', `/v1/orders/${order.orderId}`)).body.status).toBe('AWAITING_APPROVAL');

    const signed = await sign(api, approvalPath, finance, 'APPROVED', { comment: 'within budget' });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ orderId: order.orderId, meaning: 'APPROVED', signedBy: finance.name, orderContentHash: page.orderContentHash });

    const done = await waitForShippedOrder(api, order.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(done.status).toBe('ARCHIVED');
    expect(done.signatures).toEqual([
      expect.objectContaining({
        signerUsername: 'finance1',
        signerName: finance.name,
        meaning: 'APPROVED',
        comment: 'within budget',
        orderContentHash: page.orderContentHash,
      }),
    ]);
    const archived = await new S3Client({ forcePathStyle: true }).send(
      new GetObjectCommand({ Bucket: done.archive!.bucket, Key: done.archive!.key, VersionId: done.archive!.versionId }),
    );
    const record = JSON.parse(await archived.Body!.transformToString());
    expect(record.signatures).toEqual([
      expect.objectContaining({
        signerName: finance.name,
        meaning: 'APPROVED',
        meaningText: expect.stringMatching(/^Approved/),
        orderContentHash: page.orderContentHash,
      }),
    ]);
    // The signed hash is the hash of the order exactly as archived.
    expect(orderContentHash(record.order)).toBe(page.orderContentHash);

    // A repeated post (the signer's retry after a lost answer, or anyone's) checks no password, so it is never
    // answered as signed: it hears who decided and when, and the decision is delivered to the workflow again.
    const again = await sign(api, approvalPath, finance, 'APPROVED', { orderContentHash: page.orderContentHash });
    expect(again.status).toBe(409);
    expect(again.problem.detail).toBe(`Already decided by finance1 at ${signed.body.signedAt}; a link can be used once.`);
    const other = await sign(api, approvalPath, regulatory, 'APPROVED', { orderContentHash: page.orderContentHash });
    expect(other.status).toBe(409);
    expect(other.problem.detail).toMatch(/^Already decided by finance1 at /);
  });

  it('when a class III order over the threshold needs finance and regulatory, then both are asked in parallel and both must sign', async () => {
    const order = await placeAwaiting([{ gtin: stent, quantity: 12 }]);
    expect(order.requiredApprovals!.map((a) => a.role).sort()).toEqual(['finance', 'regulatory']);
    const [financeLink, regulatoryLink] = await Promise.all([approvalLinkFor(order.orderId, finance.email), approvalLinkFor(order.orderId, regulatory.email)]);

    expect((await sign(api, regulatoryLink.approvalPath, regulatory, 'REVIEWED')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await api.json(ChannelOrderView, 'GET', `/v1/orders/${order.orderId}`)).body.status).toBe('AWAITING_APPROVAL');

    expect((await sign(api, financeLink.approvalPath, finance, 'APPROVED')).status).toBe(200);
    const done = await waitForShippedOrder(api, order.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(done.status).toBe('ARCHIVED');
    expect(done.signatures.map((s) => s.meaning).sort()).toEqual(['APPROVED', 'REVIEWED']);
  });

  it('when one of two approvers rejects, then the order ends REJECTED at once, the other link closes, and no stock stays reserved', async () => {
    const before = await availableStock(stent);
    const order = await placeAwaiting([{ gtin: stent, quantity: 12 }]);
    const [financeLink, regulatoryLink] = await Promise.all([approvalLinkFor(order.orderId, finance.email), approvalLinkFor(order.orderId, regulatory.email)]);

    expect((await sign(api, regulatoryLink.approvalPath, regulatory, 'REJECTED')).status).toBe(400);
    expect((await sign(api, regulatoryLink.approvalPath, regulatory, 'REJECTED', { comment: 'no implant training on file' })).status).toBe(200);

    const done = await waitForShippedOrder(api, order.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(done).toMatchObject({ status: 'REJECTED', statusReason: 'not approved (REGULATORY_REVIEW)' });
    expect(done.signatures).toEqual([expect.objectContaining({ signerName: regulatory.name, meaning: 'REJECTED', comment: 'no implant training on file' })]);
    expect(await availableStock(stent)).toEqual(before);
    const closed = await sign(api, financeLink.approvalPath, finance, 'APPROVED');
    expect(closed.status).toBe(409);
    expect(closed.problem.title).toBe('No longer needed');
  });

  it('when an order puts the customer on credit hold, then only a credit controller may release it, with a reason', async () => {
    const tight = await givenCustomer({ creditLimit: '20.00' });
    const order = await placeAwaiting([{ gtin: gloves, quantity: 2 }], { customerId: tight });
    expect(order.requiredApprovals).toEqual([expect.objectContaining({ reason: 'CREDIT_HOLD', role: 'credit-controller' })]);
    const { approvalPath } = await approvalLinkFor(order.orderId, credit.email);

    expect((await sign(api, approvalPath, credit, 'APPROVED')).status).toBe(400);
    // A right password of someone without the role answers as a wrong one does: it confirms nothing.
    expect((await sign(api, approvalPath, finance, 'RELEASED_FROM_CREDIT_HOLD', { comment: 'x' })).status).toBe(401);
    const released = await sign(api, approvalPath, credit, 'RELEASED_FROM_CREDIT_HOLD', { comment: 'customer paid by wire today' });
    expect(released.status).toBe(200);

    const done = await waitForShippedOrder(api, order.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(done.status).toBe('ARCHIVED');
    expect(done.timeline.map((e) => e.type)).toContain('ORDER_APPROVED');
  });

  it('when the order changed after the page was loaded, then signing the old version is refused', async () => {
    const order = await placeAwaiting([{ gtin: gloves, quantity: 800 }]);
    const { approvalPath } = await approvalLinkFor(order.orderId, finance.email);
    const seen = await openApprovalPage(api, approvalPath);
    const { changeOrderQuantity } = await import('../support/orders.js');
    await changeOrderQuantity(order.orderId, 801);

    const stale = await sign(api, approvalPath, finance, 'APPROVED', { orderContentHash: seen.orderContentHash });
    expect(stale.status).toBe(409);
    expect(stale.problem.title).toBe('Order changed');
    const reviewed = await openApprovalPage(api, approvalPath);
    expect(reviewed.orderContentHash).not.toBe(seen.orderContentHash);
    expect((await sign(api, approvalPath, finance, 'REJECTED', { comment: 'clean up', orderContentHash: reviewed.orderContentHash })).status).toBe(200);
  });

  it('when the order-desk user who keyed the order also holds the finance role, then they cannot approve it', async () => {
    const deskAndFinance = await givenUser(outputs, ['order-desk', 'finance']);
    const token = await userToken(outputs, deskAndFinance.username, deskAndFinance.password);
    const asDesk: ApiClient = {
      ...api,
      request: (method, route, init = {}) => api.request(method, route, { ...init, token: init.token === undefined ? token : init.token }),
    };
    const order = await placeAwaiting([{ gtin: gloves, quantity: 800 }], {}, asDesk);
    const { approvalPath } = await approvalLinkFor(order.orderId, finance.email);

    const self = await sign(api, approvalPath, deskAndFinance, 'APPROVED');
    expect(self.status).toBe(403);
    expect(self.problem.detail).toMatch(/cannot approve it/);

    const pending = await api.json(PendingApprovals, 'GET', '/v1/approvals?status=pending', {
      token: await userToken(outputs, finance.username, finance.password),
    });
    expect(pending.status).toBe(200);
    expect(pending.body.approvals).toContainEqual(
      expect.objectContaining({ orderId: order.orderId, role: 'finance', links: expect.objectContaining({ approval: approvalPath }) }),
    );

    expect((await sign(api, approvalPath, finance, 'APPROVED')).status).toBe(200);
    expect((await waitForShippedOrder(api, order.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView)).status).toBe('ARCHIVED');
    const after = await api.json(PendingApprovals, 'GET', '/v1/approvals?status=pending', {
      token: await userToken(outputs, finance.username, finance.password),
    });
    expect(after.body.approvals.map((a) => a.orderId)).not.toContain(order.orderId);
  });
  it('when ten wrong passwords and the right one are posted on one link at the same moment, then no more than three are checked and nothing is signed', async () => {
    const order = await placeAwaiting([{ gtin: gloves, quantity: 800 }]);
    const { approvalPath } = await approvalLinkFor(order.orderId, finance.email);
    const { orderContentHash: hash } = await openApprovalPage(api, approvalPath);

    const posts = [
      ...Array.from({ length: 10 }, (_, index) => sign(api, approvalPath, finance, 'APPROVED', { password: `Wrong-guess-${index}!`, orderContentHash: hash })),
      sign(api, approvalPath, finance, 'APPROVED', { orderContentHash: hash }),
    ];
    const answers = await Promise.all(posts);

    const statuses = answers.map((answer) => answer.status);
    const told = JSON.stringify(answers.map((answer) => [answer.status, answer.status >= 400 ? answer.problem.detail : '']));
    // Each 401 is a checked wrong password and a 200 would be a checked right one: three checks at most, whichever came first.
    expect(statuses.filter((status) => status === 401 || status === 200).length, told).toBeLessThanOrEqual(3);
    // The others were refused before any check: attempts used up (423), or the approval decided meanwhile (409).
    expect(statuses.filter((status) => status !== 401 && status !== 200).every((status) => status === 423 || status === 409)).toBe(true);
    expect(answers.filter((answer) => answer.status >= 400).every((answer) => !answer.problem.detail.includes('3 attempt(s) left'))).toBe(true);
    // The approver's own sign-in is untouched: three checks stay under the directory's own lockout.
    expect(await userToken(outputs, finance.username, finance.password)).toBeTruthy();
  });
});
