import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-data.js';
import { approvalLinkFor, deployedStack, givenCustomer, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';
import { availableStock } from '../support/stock.js';

const STENT = '05012345678924';
const approver = DEMO_USERS.find((user) => user.group === 'approvers')!;
const orderDesk = DEMO_USERS.find((user) => user.group === 'order-desk')!;

function signForm(decision: 'approve' | 'reject', user = approver, password = user.password) {
  return new URLSearchParams({ decision, reason: `${decision} in end-to-end test`, username: user.username, password }).toString();
}

describe('given an order over the approval threshold', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let customerId: string;

  async function placeOrderAwaitingApproval() {
    const placed = await api.request('POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin: STENT, quantity: 12 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(202);
    const waiting = await waitForOrder(api, placed.body.orderId, ['AWAITING_APPROVAL', 'ARCHIVED', 'REJECTED', 'FAILED']);
    expect(waiting.status).toBe('AWAITING_APPROVAL');
    expect(waiting.approvalReasons).toEqual(['ORDER_VALUE_OVER_THRESHOLD']);
    return waiting;
  }

  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  beforeAll(async () => {
    api = await portalApi(outputs);
    customerId = await givenCustomer({ creditLimit: '100000.00' });
  });

  it('when the approver opens the emailed link and approves, then the order completes and records the signature', async () => {
    const order = await placeOrderAwaitingApproval();
    const { email, approvalPath } = await approvalLinkFor(order.orderId);
    expect(email.BodyText).not.toMatch(/taskToken|AAAA[A-Za-z0-9+/]{100}/);

    const page = await api.request('GET', approvalPath, { token: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain(order.orderId);
    expect(page.text).toContain('<form method="post">');
    const reread = await api.request('GET', approvalPath, { token: null });
    expect(reread.status).toBe(200);
    expect((await api.request('GET', `/v1/orders/${order.orderId}`)).body.status).toBe('AWAITING_APPROVAL');

    const signed = await api.request('POST', approvalPath, { token: null, body: signForm('approve'), headers: form });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ orderId: order.orderId, decision: 'APPROVED', signedBy: approver.name });

    const done = await waitForOrder(api, order.orderId, ['ARCHIVED', 'REJECTED', 'FAILED']);
    expect(done.status).toBe('ARCHIVED');
    const approval = done.timeline.find((event: any) => event.type === 'APPROVAL_APPROVED');
    expect(approval).toMatchObject({ actor: `user:${approver.username}` });
    expect(approval.detail).toMatchObject({ signedByName: approver.name, meaning: expect.stringMatching(/^Approved/) });

    const again = await api.request('POST', approvalPath, { token: null, body: signForm('approve'), headers: form });
    expect(again.status).toBe(409);
  });

  it('when the approver rejects, then the order ends REJECTED and no stock stays reserved', async () => {
    const before = await availableStock(STENT);
    const order = await placeOrderAwaitingApproval();
    const { approvalPath } = await approvalLinkFor(order.orderId);

    const signed = await api.request('POST', approvalPath, { token: null, body: signForm('reject'), headers: form });
    expect(signed.status).toBe(200);

    const done = await waitForOrder(api, order.orderId, ['ARCHIVED', 'REJECTED', 'FAILED']);
    expect(done).toMatchObject({ status: 'REJECTED', statusReason: 'rejected by approver' });
    expect(await availableStock(STENT)).toEqual(before);
  });

  it('when the signature does not verify or the signer is not an approver, then nothing is decided', async () => {
    const order = await placeOrderAwaitingApproval();
    const { approvalPath } = await approvalLinkFor(order.orderId);

    const wrongPassword = await api.request('POST', approvalPath, { token: null, body: signForm('approve', approver, 'not-the-password'), headers: form });
    expect(wrongPassword.status).toBe(401);
    const notApprover = await api.request('POST', approvalPath, { token: null, body: signForm('approve', orderDesk), headers: form });
    expect(notApprover.status).toBe(403);
    const missingReason = await api.request('POST', approvalPath, {
      token: null,
      body: new URLSearchParams({ decision: 'approve', username: approver.username, password: approver.password }).toString(),
      headers: form,
    });
    expect(missingReason.status).toBe(400);
    expect((await api.request('GET', `/v1/orders/${order.orderId}`)).body.status).toBe('AWAITING_APPROVAL');

    // Leave nothing waiting behind the test.
    expect((await api.request('POST', approvalPath, { token: null, body: signForm('reject'), headers: form })).status).toBe(200);
  });
});
