import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { uniqueId } from '../support/fixtures.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';

describe('given the order repository against the emulated table', () => {
  deployedStack();
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let errors: typeof import('../../shared/platform/data/errors.js');
  let exposure: typeof import('../../shared/approvals/data/exposure-repository.js');

  beforeAll(async () => {
    orders = await import('../../shared/orders/data/order-repository.js');
    errors = await import('../../shared/platform/data/errors.js');
    exposure = await import('../../shared/approvals/data/exposure-repository.js');
  });

  const newOrder = (customerId: string, customerPo = uniqueId('PO')) => ({
    orderId: newOrderId(),
    // Past intake (VALIDATED): an order written as RECEIVED gets its workflow from the table stream's relay.
    status: 'VALIDATED' as const,
    channel: 'portal' as const,
    submittedBy: 'client:test',
    customerId,
    customerPo,
    shipTo: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' },
    lines: [{ lineNo: 1, gtin: '05012345678900', quantity: 1 }],
  });
  const received = { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'test' } as const;
  const at = '2026-11-25T10:00:00.000Z';

  it('when a second order claims the same customer PO, then it is refused with the first order id and not written', async () => {
    const first = newOrder(uniqueId('CUST'));
    await orders.createOrder(first, received, at);
    const second = { ...newOrder(first.customerId, first.customerPo) };
    await expect(orders.createOrder(second, received, at)).rejects.toMatchObject({ name: 'DuplicateCustomerPoError', existingOrderId: first.orderId });
    expect(await orders.findOrder(second.orderId)).toBeUndefined();
  });

  it('when two writers change the same version, then the second gets a concurrency error and the first wins', async () => {
    const order = newOrder(uniqueId('CUST'));
    await orders.createOrder(order, received, at);
    const read = await orders.getOrder(order.orderId);
    expect(await orders.recordTransition(read, 'PRICED', {}, { eventId: '02-PRICED', type: 'ORDER_PRICED', actor: 'a' }, at)).toBe(true);
    await expect(
      orders.recordTransition(read, 'REJECTED', { statusReason: 'stale' }, { eventId: '99-REJECTED', type: 'ORDER_REJECTED', actor: 'b' }, at),
    ).rejects.toBeInstanceOf(errors.ConcurrentModificationError);
    expect(await orders.getOrder(order.orderId)).toMatchObject({ status: 'PRICED', version: 2 });
  });

  it('when a stage is recorded twice (a retried step), then the second time changes nothing', async () => {
    const order = newOrder(uniqueId('CUST'));
    await orders.createOrder(order, received, at);
    const event = { eventId: '02-PRICED', type: 'ORDER_PRICED', actor: 'workflow' } as const;
    expect(await orders.recordTransition(await orders.getOrder(order.orderId), 'PRICED', {}, event, at)).toBe(true);
    expect(await orders.recordTransition(await orders.getOrder(order.orderId), 'PRICED', {}, event, at)).toBe(false);
    expect(await orders.getTimeline(order.orderId)).toHaveLength(2);
    expect((await orders.getOrder(order.orderId)).version).toBe(2);
  });

  it('when orders are priced and closed, then credit exposure counts only the open ones', async () => {
    const customerId = uniqueId('CUST');
    const open = newOrder(customerId);
    const closed = newOrder(customerId);
    const current = newOrder(customerId);
    for (const [order, amount] of [
      [open, '100.10'],
      [closed, '50.00'],
      [current, '999.00'],
    ] as const) {
      await orders.createOrder(order, received, at);
      await orders.recordTransition(
        await orders.getOrder(order.orderId),
        'PRICED',
        { exposureCustomer: customerId, exposureSort: `ORDER#${order.orderId}`, exposureAmount: amount, total: amount },
        { eventId: '02-PRICED', type: 'ORDER_PRICED', actor: 'test' },
        at,
      );
    }
    await orders.recordTransition(
      await orders.getOrder(closed.orderId),
      'REJECTED',
      { statusReason: 'test', remove: ['exposureCustomer', 'exposureSort', 'exposureAmount'] },
      { eventId: '99-REJECTED', type: 'ORDER_REJECTED', actor: 'test' },
      at,
    );
    expect(await exposure.openExposureOf(customerId, current.orderId)).toEqual({ openOrdersTotal: '100.10', unpaidInvoices: [] });
  });
});
