import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { uniqueId } from '../support/fixtures.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';

describe('given held orders merged into one earlier order at the same time', () => {
  deployedStack();
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let resolution: typeof import('../../shared/orders/services/resolve-duplicate.js');

  beforeAll(async () => {
    orders = await import('../../shared/orders/data/order-repository.js');
    resolution = await import('../../shared/orders/services/resolve-duplicate.js');
  });

  const resolver = { principal: 'user:orderdesk1', staff: true };
  const at = new Date().toISOString();
  // Written straight to the table past intake (no workflow), so the target stays VALIDATED and open to merges
  // (an order written as RECEIVED would get its workflow from the table stream's relay).
  async function givenOrder(customerId: string, status: 'VALIDATED' | 'POSSIBLE_DUPLICATE', quantity: number) {
    const order = {
      orderId: newOrderId(),
      status,
      channel: 'portal' as const,
      submittedBy: 'client:test',
      customerId,
      customerPo: uniqueId('PO'),
      shipTo: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' },
      lines: [{ lineNo: 1, gtin: '05012345678900', quantity, unitOfMeasure: 'EA' }],
    };
    await orders.createOrder(order, { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'test' }, at);
    return order;
  }

  it('when two held orders are merged into it at once, then both land, each exactly once, with both POs kept', async () => {
    const customerId = uniqueId('CUST');
    const target = await givenOrder(customerId, 'VALIDATED', 10);
    const [first, second] = await Promise.all([givenOrder(customerId, 'POSSIBLE_DUPLICATE', 10), givenOrder(customerId, 'POSSIBLE_DUPLICATE', 10)]);
    const results = await Promise.all([first, second].map((held) => resolution.mergeHeldOrder(held.orderId, target.orderId, resolver)));
    expect(results.map((result) => result.outcome)).toEqual(['DONE', 'DONE']);
    const merged = await orders.getOrder(target.orderId);
    expect(merged.lines).toEqual([expect.objectContaining({ gtin: '05012345678900', quantity: 30 })]);
    expect([...(merged.additionalCustomerPos ?? [])].sort()).toEqual([first.customerPo, second.customerPo].sort());
    expect(merged).toMatchObject({ changedBy: 'user:orderdesk1', changeReason: expect.stringMatching(/merged into/) });
    for (const held of [first, second]) expect(await orders.getOrder(held.orderId)).toMatchObject({ status: 'MERGED', mergedInto: target.orderId });
  });

  it('when the same merge is sent twice at once (a double click), then the lines are added once and both answers say MERGED', async () => {
    const customerId = uniqueId('CUST');
    const target = await givenOrder(customerId, 'VALIDATED', 5);
    const held = await givenOrder(customerId, 'POSSIBLE_DUPLICATE', 5);
    const results = await Promise.all([1, 2].map(() => resolution.mergeHeldOrder(held.orderId, target.orderId, resolver)));
    expect(results).toEqual([expect.objectContaining({ outcome: 'DONE', status: 'MERGED' }), expect.objectContaining({ outcome: 'DONE', status: 'MERGED' })]);
    expect((await orders.getOrder(target.orderId)).lines[0]?.quantity).toBe(10);
    expect((await orders.getTimeline(target.orderId)).filter((event) => event.type === 'MERGED_FROM')).toHaveLength(1);
  });

  it('when a held order is cancelled and merged at once, then exactly one of them wins', async () => {
    const customerId = uniqueId('CUST');
    const target = await givenOrder(customerId, 'VALIDATED', 5);
    const held = await givenOrder(customerId, 'POSSIBLE_DUPLICATE', 5);
    const [merge, cancel] = await Promise.all([
      resolution.mergeHeldOrder(held.orderId, target.orderId, resolver),
      resolution.cancelHeldOrder(held.orderId, 'sent twice', resolver),
    ]);
    const final = await orders.getOrder(held.orderId);
    const quantity = (await orders.getOrder(target.orderId)).lines[0]?.quantity;
    if (final.status === 'MERGED') {
      expect(merge.outcome).toBe('DONE');
      expect(cancel.outcome).toBe('CONFLICT');
      expect(quantity).toBe(10);
    } else {
      expect(final.status).toBe('CANCELLED');
      expect(cancel.outcome).toBe('DONE');
      expect(merge.outcome).toBe('CONFLICT');
      expect(quantity).toBe(5);
    }
  });

  it('when a merge would take the order past 100,000 units on a line, then it is refused, saying why, and nothing changes', async () => {
    const customerId = uniqueId('CUST');
    const target = await givenOrder(customerId, 'VALIDATED', 60_000);
    const held = await givenOrder(customerId, 'POSSIBLE_DUPLICATE', 50_000);
    const result = await resolution.mergeHeldOrder(held.orderId, target.orderId, resolver);
    expect(result).toEqual({
      outcome: 'CONFLICT',
      detail: `Order ${held.orderId} cannot be merged into ${target.orderId}: line 1 would have 110000 units; a line has at most 100000.`,
    });
    expect((await orders.getOrder(target.orderId)).lines[0]?.quantity).toBe(60_000);
    expect((await orders.getOrder(held.orderId)).status).toBe('POSSIBLE_DUPLICATE');
  });
});
