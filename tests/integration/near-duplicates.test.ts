import { LOCAL_PARTNERS } from '../../infra/local/demo-data.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack, givenCustomer, givenProduct, newOrder } from '../support/stack.js';
import { uniqueId } from '../support/fixtures.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';
import { nearDuplicateFingerprint } from '../../shared/orders/domain/near-duplicate.js';

describe('given near-identical orders arriving at the same time', () => {
  const outputs = deployedStack();
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let intake: typeof import('../../shared/orders/services/place-order.js');

  beforeAll(async () => {
    orders = await import('../../shared/orders/data/order-repository.js');
    intake = await import('../../shared/orders/services/place-order.js');
  });

  const shipTo = { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' };
  const record = (customerId: string) => ({
    orderId: newOrderId(),
    // Past intake (VALIDATED): an order written as RECEIVED gets its workflow from the table stream's relay.
    status: 'VALIDATED' as const,
    channel: 'portal' as const,
    submittedBy: 'client:test',
    customerId,
    customerPo: uniqueId('PO'),
    shipTo,
    lines: [{ lineNo: 1, gtin: '05012345678900', quantity: 3 }],
  });
  const received = { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'test' } as const;

  it('when eight orders with one fingerprint are created at once, then exactly one takes the claim and nothing else is written for the others', async () => {
    const customerId = uniqueId('CUST');
    const fingerprint = nearDuplicateFingerprint(shipTo, [{ gtin: '05012345678900', quantity: 3 }]);
    const candidates = Array.from({ length: 8 }, () => record(customerId));
    const at = new Date().toISOString();
    const outcomes = await Promise.all(candidates.map((order) => orders.createOrder(order, received, at, { fingerprint, windowSeconds: 3600 })));
    const winners = candidates.filter((_, index) => outcomes[index]!.created);
    expect(winners).toHaveLength(1);
    const claim = await orders.findNearDuplicateClaim(customerId, fingerprint);
    expect(claim).toMatchObject({ orderId: winners[0]!.orderId, customerPo: winners[0]!.customerPo });
    const losers = candidates.filter((_, index) => !outcomes[index]!.created);
    for (const loser of losers) expect(await orders.findOrder(loser.orderId)).toBeUndefined();
  });

  it('when the claim is older than the window but not yet removed by TTL, then a new order takes it over', async () => {
    const customerId = uniqueId('CUST');
    const fingerprint = nearDuplicateFingerprint(shipTo, [{ gtin: '05012345678900', quantity: 3 }]);
    const old = record(customerId);
    expect(await orders.createOrder(old, received, '2026-01-01T00:00:00.000Z', { fingerprint, windowSeconds: 3600 })).toEqual({ created: true });
    const fresh = record(customerId);
    expect(await orders.createOrder(fresh, received, new Date().toISOString(), { fingerprint, windowSeconds: 3600 })).toEqual({ created: true });
    expect((await orders.findNearDuplicateClaim(customerId, fingerprint))?.orderId).toBe(fresh.orderId);
  });

  it('when five channels place the same goods for one customer at once through intake, then one order is the original and four are held pointing at it', async () => {
    const [customerId, gtin] = await Promise.all([givenCustomer(), givenProduct()]);
    const settings = { stateMachineArn: outputs.StateMachineArn, nearDuplicateWindowHours: 72, partners: LOCAL_PARTNERS };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        intake.placeOrder(newOrder({ customerId, shipTo, lines: [{ gtin, quantity: 4 }] }), { channel: 'portal', principal: 'client:test' }, settings),
      ),
    );
    const created = results.filter((result) => result.outcome === 'CREATED');
    const held = results.filter((result) => result.outcome === 'HELD_AS_POSSIBLE_DUPLICATE');
    expect(created).toHaveLength(1);
    expect(held).toHaveLength(4);
    const originalId = created[0]!.outcome === 'CREATED' ? created[0]!.orderId : '';
    for (const result of held) {
      if (result.outcome !== 'HELD_AS_POSSIBLE_DUPLICATE') continue;
      expect(result.possibleDuplicate.orderId).toBe(originalId);
      const stored = await orders.findOrder(result.orderId);
      expect(stored).toMatchObject({ status: 'POSSIBLE_DUPLICATE', changedBy: 'client:test', possibleDuplicate: { orderId: originalId } });
    }
  });
});
