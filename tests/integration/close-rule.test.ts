import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { uniqueId } from '../support/fixtures.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';

describe('given the close step and orders at different stages', () => {
  deployedStack();
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let close: typeof import('../../shared/orders/services/close.js');

  beforeAll(async () => {
    orders = await import('../../shared/orders/data/order-repository.js');
    close = await import('../../shared/orders/services/close.js');
  });

  // Written past intake (an order written as RECEIVED gets its workflow from the table stream's relay).
  const givenOrder = async (status: 'SHIPPED' | 'READY_TO_PICK') => {
    const customerId = uniqueId('CUST');
    const orderId = newOrderId();
    const record = {
      orderId,
      status,
      channel: 'portal' as const,
      submittedBy: 'client:test',
      customerId,
      customerPo: uniqueId('PO'),
      shipTo: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' },
      lines: [{ lineNo: 1, gtin: '05012345678900', quantity: 3 }],
      exposureCustomer: customerId,
      exposureSort: `ORDER#${orderId}`,
      exposureAmount: '30.00',
    };
    await orders.createOrder(record, { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'test' }, new Date().toISOString());
    return orderId;
  };

  it('when a SHIPPED order is closed FAILED (its invoice step gave up), then it needs attention and still counts towards credit exposure', async () => {
    const orderId = await givenOrder('SHIPPED');

    await close.closeOrder({ orderId, status: 'FAILED', reason: 'technical failure: ThrottlingException' });

    const order = await orders.getOrder(orderId);
    expect(order).toMatchObject({ status: 'NEEDS_ATTENTION', statusReason: 'technical failure: ThrottlingException', exposureAmount: '30.00' });
    const timeline = await orders.getTimeline(orderId);
    expect(timeline.map((event) => event.type)).toContain('ORDER_NEEDS_ATTENTION');
    expect(timeline.map((event) => event.type)).not.toContain('ORDER_FAILED');
  });

  it('when an order that has not shipped is closed FAILED, then it is FAILED and no longer counts towards credit exposure', async () => {
    const orderId = await givenOrder('READY_TO_PICK');

    await close.closeOrder({ orderId, status: 'FAILED', reason: 'technical failure: States.Timeout' });

    const order = await orders.getOrder(orderId);
    expect(order.status).toBe('FAILED');
    expect(order.exposureAmount).toBeUndefined();
  });
});
