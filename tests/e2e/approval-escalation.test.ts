import { beforeAll, describe, expect, it } from 'vitest';
import { OrderAccepted, ChannelOrderView, OrderView } from '../../shared/orders/schemas/order.js';
import { TEST_ESCALATION_SECONDS } from '../../infra/local/settings.js';
import {
  approvalLinkFor,
  deployedStack,
  givenCustomer,
  givenProduct,
  idempotencyKey,
  newOrder,
  portalApi,
  sentEmails,
  waitForOrder,
  type ApiClient,
} from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';
import { sign, user } from '../support/approvals.js';

const finance = user('finance1');
const director = user('director1');
const escalationWaitMs = (TEST_ESCALATION_SECONDS * 2 + 30) * 1000;

describe(`given approvals that nobody answers within ${TEST_ESCALATION_SECONDS} s (the tests' escalation timeout)`, () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let lockedOrder: string;
  let forgottenOrder: string;
  let gloves: string;

  async function placeOverThreshold(customerId: string): Promise<string> {
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin: gloves, quantity: 800 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(202);
    return placed.body.orderId;
  }

  // Both orders start together so their timeouts run side by side.
  beforeAll(async () => {
    api = await portalApi(outputs);
    const customerId = await givenCustomer({ creditLimit: '1000000.00' });
    gloves = await givenProduct({ unitPrice: '12.90', deviceClass: 'I', quantity: 100_000 });
    [lockedOrder, forgottenOrder] = await Promise.all([placeOverThreshold(customerId), placeOverThreshold(customerId)]);
  });

  it('when three signatures fail, then the approval locks and raises an alert, escalates on timeout, and the director approves', async () => {
    const { approvalPath } = await approvalLinkFor(lockedOrder, finance.email);
    const first = await sign(api, approvalPath, finance, 'APPROVED', { password: 'wrong-1' });
    expect(first.status).toBe(401);
    expect(first.problem.detail).toMatch(/2 attempt\(s\) left/);
    expect((await sign(api, approvalPath, finance, 'APPROVED', { password: 'wrong-2' })).status).toBe(401);
    expect((await sign(api, approvalPath, finance, 'APPROVED', { password: 'wrong-3' })).status).toBe(423);
    expect((await sign(api, approvalPath, finance, 'APPROVED')).status).toBe(423);
    const alert = (await sentEmails()).find((email) => email.Subject.startsWith('ALERT') && email.Subject.includes(lockedOrder));
    expect(alert?.To).toEqual(['security@o2c.example.com']);

    const escalated = await approvalLinkFor(lockedOrder, director.email, escalationWaitMs);
    expect(escalated.email.Subject).toMatch(/escalated/);
    expect((await sign(api, approvalPath, finance, 'APPROVED')).status).toBe(423);
    expect((await sign(api, escalated.approvalPath, director, 'APPROVED')).status).toBe(200);
    const done = await waitForShippedOrder(api, lockedOrder, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(done.status).toBe('ARCHIVED');
    expect(done.timeline.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['CREDIT_CHECKED', 'APPROVAL_LOCKED', 'APPROVAL_ESCALATED', 'APPROVAL_SIGNED']),
    );
    expect(done.signatures).toEqual([expect.objectContaining({ signerUsername: 'director1' })]);
  });

  it('when the portal partner that placed that order reads it, then it gets the channel view: no signer, credit limit, exposure, typed user name or comment', async () => {
    const raw = await api.request('GET', `/v1/orders/${lockedOrder}`);
    expect(raw.status).toBe(200);
    for (const field of [
      'signerUsername',
      'signerName',
      'creditLimit',
      'exposure',
      'attemptedUser',
      'comment',
      'requiredApprovals',
      'signatures',
      'detail',
      'actor',
    ]) {
      expect(raw.text).not.toContain(`"${field}"`);
    }
    for (const value of ['director1', 'wrong-1', finance.username]) expect(raw.text).not.toContain(value);
    const view = ChannelOrderView.strict().parse(raw.body);
    expect(view).toMatchObject({ status: 'ARCHIVED', shipments: [expect.objectContaining({ shipmentId: expect.any(String) })], invoice: expect.any(Object) });
    expect(view.timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['ORDER_RECEIVED', 'AWAITING_APPROVAL', 'ORDER_APPROVED', 'ORDER_SHIPPED']),
    );
  });

  it('when nobody answers to the end of the chain, then the links stop working and the order is rejected "approval expired"', async () => {
    const first = await approvalLinkFor(forgottenOrder, finance.email);
    const escalated = await approvalLinkFor(forgottenOrder, director.email, escalationWaitMs);
    expect((await sign(api, first.approvalPath, finance, 'APPROVED')).status).toBe(410);

    const done = await waitForShippedOrder(api, forgottenOrder, ['ARCHIVED', 'REJECTED', 'FAILED'], escalationWaitMs);
    expect(done).toMatchObject({ status: 'REJECTED', statusReason: 'approval expired' });
    expect((await sign(api, escalated.approvalPath, director, 'APPROVED')).status).toBe(410);
  });
});
