import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack, givenCustomer } from '../support/stack.js';
import { uniqueId } from '../support/fixtures.js';
import { fakeExecutions } from '../support/fake-ports.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';
import type { OrderStatus } from '../../shared/orders/schemas/order.js';

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:OrderFulfilment';
const executionOf = (orderId: string) => `arn:aws:states:us-east-1:000000000000:execution:OrderFulfilment:${orderId}`;

/** The sweep on the table: the exposure index lists a customer's open orders, and the real close step closes them. */
describe('given a customer with open orders on the exposure index, one whose execution timed out and one whose execution runs', () => {
  deployedStack();
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let stuck: typeof import('../../shared/orders/services/stuck-orders.js');
  let customerId: string;
  let timedOut: string;
  let running: string;

  // Written past intake, priced (on the exposure index), as the workflow leaves an order it hands to the warehouse.
  const givenOpenOrder = async (status: OrderStatus) => {
    const orderId = newOrderId();
    await orders.createOrder(
      {
        orderId,
        status,
        channel: 'portal',
        submittedBy: 'client:test',
        customerId,
        customerPo: uniqueId('PO'),
        shipTo: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' },
        lines: [{ lineNo: 1, gtin: '05012345678900', quantity: 1 }],
        exposureCustomer: customerId,
        exposureSort: `ORDER#${orderId}`,
        exposureAmount: '10.00',
      },
      { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'test' },
      new Date().toISOString(),
    );
    return orderId;
  };

  beforeAll(async () => {
    orders = await import('../../shared/orders/data/order-repository.js');
    stuck = await import('../../shared/orders/services/stuck-orders.js');
    customerId = await givenCustomer();
    timedOut = await givenOpenOrder('READY_TO_PICK');
    running = await givenOpenOrder('AWAITING_APPROVAL');
  });

  it('when the sweep runs past the quiet period, then the timed-out order is closed FAILED off the exposure index and the running one is untouched', async () => {
    const executions = fakeExecutions({ [executionOf(timedOut)]: 'TIMED_OUT', [executionOf(running)]: 'RUNNING' });
    const deps = { ...stuck.stuckOrderDeps, customerIds: async () => [customerId], describeExecution: executions.describeExecution };
    const anHourLater = new Date(Date.now() + 60 * 60_000);

    const report = await stuck.sweepStuckOrders(MACHINE, deps, anHourLater);

    expect(report).toMatchObject({ examined: 2, running: 1, closed: [{ orderId: timedOut, status: 'READY_TO_PICK', execution: 'TIMED_OUT' }] });
    const closed = await orders.getOrder(timedOut);
    expect(closed).toMatchObject({ status: 'FAILED', statusReason: 'technical failure: the order workflow ended TIMED_OUT while the order was READY_TO_PICK' });
    expect(closed.exposureAmount).toBeUndefined();
    expect((await orders.getOrder(running)).status).toBe('AWAITING_APPROVAL');
    expect((await orders.exposedOrdersOf(customerId)).map((order) => order.orderId)).toEqual([running]);
  });

  it('when the sweep runs again, then it closes nothing more', async () => {
    const executions = fakeExecutions({ [executionOf(timedOut)]: 'TIMED_OUT', [executionOf(running)]: 'RUNNING' });
    const deps = { ...stuck.stuckOrderDeps, customerIds: async () => [customerId], describeExecution: executions.describeExecution };

    const report = await stuck.sweepStuckOrders(MACHINE, deps, new Date(Date.now() + 60 * 60_000));

    expect(report).toMatchObject({ examined: 1, running: 1, closed: [] });
  });
});
