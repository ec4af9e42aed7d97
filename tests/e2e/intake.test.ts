import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OrderAccepted, OrderView } from '../../shared/orders/schemas/order.js';
import { deployedStack, givenCustomer, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';

/** The document is not a view of the API's own: only its paths are read. */
const OpenApiPaths = z.looseObject({ paths: z.record(z.string(), z.unknown()) });

describe('given the portal channel posting orders', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let customerId: string;

  beforeAll(async () => {
    api = await portalApi(outputs);
    customerId = await givenCustomer();
  });

  const post = (body: unknown, key: string | null = idempotencyKey(), token?: string | null) =>
    api.json(OrderAccepted, 'POST', '/v1/orders', { body, headers: key ? { 'idempotency-key': key } : {}, ...(token === undefined ? {} : { token }) });

  it('when the same request is retried with the same Idempotency-Key, then one order exists and both answers match', async () => {
    const key = idempotencyKey();
    const order = newOrder({ customerId });
    const first = await post(order, key);
    const retry = await post(order, key);
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    await waitForShippedOrder(api, first.body.orderId, ['ARCHIVED']);
  });

  it('when an Idempotency-Key is reused with a different body, then 422 and no second order', async () => {
    const key = idempotencyKey();
    const first = await post(newOrder({ customerId }), key);
    expect(first.status).toBe(202);
    const reused = await post(newOrder({ customerId }), key);
    expect(reused.status).toBe(422);
    expect(reused.problem.detail).toMatch(/different request body/);
  });

  it('when the same customer PO is sent again under a new key, then 409 points at the existing order', async () => {
    const order = newOrder({ customerId });
    const first = await post(order);
    const duplicate = await post(order);
    expect(duplicate.status).toBe(409);
    expect(duplicate.problem).toMatchObject({ orderId: first.body.orderId, links: { self: `/v1/orders/${first.body.orderId}` } });
  });

  it('when the body is invalid, then 400 names every bad field and nothing is written', async () => {
    const bad = newOrder({ customerId, lines: [{ gtin: '05012345678901', quantity: 1.5 }], shipTo: { name: '' }, extra: true });
    const response = await post(bad);
    expect(response.status).toBe(400);
    const paths = response.problem.errors!.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['lines.0.gtin', 'lines.0.quantity', 'shipTo.name', '(body)']));
    expect(response.problem.errors!.find((e) => e.path === 'lines.0.gtin')!.message).toBe('GTIN check digit is wrong');

    // The same PO is still free: the rejected request claimed nothing.
    const good = await post({ ...newOrder({ customerId }), customerPo: bad.customerPo });
    expect(good.status).toBe(202);
  });

  it('when the Idempotency-Key header is missing, then 400 says so', async () => {
    const response = await post(newOrder({ customerId }), null);
    expect(response.status).toBe(400);
    expect(response.problem.detail).toMatch(/idempotency-key header is required/i);
  });

  it('when no bearer token is sent, then 401 and the order is not accepted', async () => {
    expect((await post(newOrder({ customerId }), idempotencyKey(), null)).status).toBe(401);
    expect((await api.request('GET', '/v1/orders/ORD-00000000000000000000000000', { token: null })).status).toBe(401);
  });

  it('when the OpenAPI document is fetched, then it describes the order routes', async () => {
    const response = await api.json(OpenApiPaths, 'GET', '/v1/openapi.json', { token: null });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/v1/orders', '/v1/orders/{orderId}', '/v1/approvals/{approvalId}']));
  });
});

describe('given customers whose orders must not flow straight through', () => {
  const outputs = deployedStack();
  let api: ApiClient;

  beforeAll(async () => {
    api = await portalApi(outputs);
  });

  it('when a blocked customer orders, then the order waits on a credit hold for the credit controller', async () => {
    const customerId = await givenCustomer({ status: 'BLOCKED' });
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', { body: newOrder({ customerId }), headers: { 'idempotency-key': idempotencyKey() } });
    const waiting = await waitForShippedOrder(api, placed.body.orderId, ['AWAITING_APPROVAL', 'REJECTED', 'ARCHIVED', 'FAILED'], undefined, OrderView);
    expect(waiting.requiredApprovals).toEqual([{ reason: 'CREDIT_HOLD', role: 'credit-controller', detail: 'customer is blocked' }]);
  });

  it('when an order takes the customer over its credit limit, then it waits for approval with a credit hold', async () => {
    const customerId = await givenCustomer({ creditLimit: '20.00' });
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', { body: newOrder({ customerId }), headers: { 'idempotency-key': idempotencyKey() } });
    const waiting = await waitForShippedOrder(api, placed.body.orderId, ['AWAITING_APPROVAL', 'REJECTED', 'ARCHIVED', 'FAILED'], undefined, OrderView);
    expect(waiting).toMatchObject({ status: 'AWAITING_APPROVAL', approvalReasons: ['CREDIT_HOLD'] });
    expect(waiting.requiredApprovals![0]).toMatchObject({
      reason: 'CREDIT_HOLD',
      role: 'credit-controller',
      detail: 'exposure 25.80 exceeds credit limit 20.00',
    });
  });

  it('when a product is unknown, then intake refuses the order with 422 naming the line and nothing is written', async () => {
    const customerId = await givenCustomer();
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin: '09999999999994', quantity: 1 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(422);
    expect(placed.problem.detail).toBe('line 1: product 09999999999994 does not exist');
    expect(placed.problem.conflicts).toEqual([expect.objectContaining({ code: 'UNKNOWN_GTIN', lineNo: 1, blocking: true })]);
  });
});
