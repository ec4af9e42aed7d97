import { describe, expect, it } from 'vitest';
import { closingOf } from '../../../shared/orders/domain/closure.js';
import type { OrderStatus } from '../../../shared/orders/schemas/order.js';
import type { CloseRequest } from '../../../shared/orders/services/close.js';
import { closeAfterExecutionEnded, sweepStuckOrders, type StuckOrderDeps } from '../../../shared/orders/services/stuck-orders.js';
import type { ExecutionStatus } from '../../../shared/platform/domain/executions.js';
import { fakeExecutions } from '../../support/fake-ports.js';

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:OrderFulfilment';
const executionOf = (orderId: string) => `arn:aws:states:us-east-1:000000000000:execution:OrderFulfilment:${orderId}`;

interface StoredOrder {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  /** Units the order holds on lots. */
  reserved: number;
  /** On the exposure index: priced, not invoiced or closed with its exposure ended. */
  exposed: boolean;
  statusReason?: string;
  modified: string;
}

/**
 * The orders of a few customers in memory, closed by the real close rule (closingOf): as the close step does, a close
 * gives the stock back and ends the exposure or leaves the order as it is; every close asked for is recorded.
 */
function fakeOrders(orders: StoredOrder[], executions: Record<string, ExecutionStatus>) {
  const byId = new Map(orders.map((order) => [order.orderId, { ...order }]));
  const closes: CloseRequest[] = [];
  const released = new Map<string, number>();
  const stepFunctions = fakeExecutions(Object.fromEntries(Object.entries(executions).map(([orderId, status]) => [executionOf(orderId), status])));
  const deps: StuckOrderDeps = {
    customerIds: async () => [...new Set(orders.map((order) => order.customerId))],
    openOrdersOf: async (customerId) => [...byId.values()].filter((order) => order.customerId === customerId && order.exposed),
    findOrder: async (orderId) => byId.get(orderId),
    describeExecution: stepFunctions.describeExecution,
    closeOrder: async (request) => {
      closes.push(request);
      const order = byId.get(request.orderId)!;
      const closing = closingOf(request.status, { status: order.status, goodsShipped: false });
      if (!closing.close) return;
      if (closing.releaseStock) {
        released.set(order.orderId, (released.get(order.orderId) ?? 0) + order.reserved);
        order.reserved = 0;
      }
      if (closing.endExposure) order.exposed = false;
      order.status = closing.status;
      order.statusReason = request.reason;
    },
  };
  return { deps, closes, released, described: stepFunctions.described, order: (orderId: string) => byId.get(orderId)! };
}

const NOW = new Date('2026-12-03T12:00:00Z');
/** Last changed an hour before NOW: well past the sweep's quiet period. */
const AN_HOUR_AGO = '2026-12-03T11:00:00.000Z';

const order = (orderId: string, status: OrderStatus, reserved = 0, customerId = 'CUST-A'): StoredOrder => ({
  orderId,
  customerId,
  status,
  reserved,
  exposed: true,
  modified: AN_HOUR_AGO,
});

describe('given open orders, some of whose workflow executions no longer run', () => {
  const given = () =>
    fakeOrders(
      [
        order('ORD-RUNNING', 'READY_TO_PICK', 3),
        order('ORD-TIMED-OUT', 'READY_TO_PICK', 4),
        order('ORD-ABORTED', 'AWAITING_APPROVAL', 0, 'CUST-B'),
        order('ORD-GONE', 'ALLOCATED', 2, 'CUST-B'),
        { ...order('ORD-ATTENTION', 'NEEDS_ATTENTION', 0), exposed: true },
        { ...order('ORD-REJECTED', 'REJECTED', 0), exposed: false },
      ],
      { 'ORD-RUNNING': 'RUNNING', 'ORD-TIMED-OUT': 'TIMED_OUT', 'ORD-ABORTED': 'ABORTED', 'ORD-REJECTED': 'SUCCEEDED', 'ORD-ATTENTION': 'FAILED' },
    );

  it('when the sweep runs, then an order whose execution runs is untouched and its execution was asked', async () => {
    const orders = given();

    const report = await sweepStuckOrders(MACHINE, orders.deps, NOW);

    expect(orders.described).toContain(executionOf('ORD-RUNNING'));
    expect(orders.order('ORD-RUNNING')).toMatchObject({ status: 'READY_TO_PICK', reserved: 3 });
    expect(report.running).toBe(1);
  });

  it('when the sweep runs, then an order whose execution timed out is closed FAILED through the close rule and its stock is given back', async () => {
    const orders = given();

    const report = await sweepStuckOrders(MACHINE, orders.deps, NOW);

    expect(orders.order('ORD-TIMED-OUT')).toMatchObject({
      status: 'FAILED',
      reserved: 0,
      exposed: false,
      statusReason: 'technical failure: the order workflow ended TIMED_OUT while the order was READY_TO_PICK',
    });
    expect(orders.released.get('ORD-TIMED-OUT')).toBe(4);
    expect(report.closed.map((closed) => closed.orderId).sort()).toEqual(['ORD-ABORTED', 'ORD-GONE', 'ORD-TIMED-OUT']);
  });

  it('when the sweep runs, then an order past intake whose execution is gone is closed too, its stock given back', async () => {
    const orders = given();

    await sweepStuckOrders(MACHINE, orders.deps, NOW);

    expect(orders.order('ORD-GONE')).toMatchObject({ status: 'FAILED', reserved: 0 });
    expect(orders.order('ORD-GONE').statusReason).toBe('technical failure: the order is ALLOCATED and has no workflow execution');
    expect(orders.released.get('ORD-GONE')).toBe(2);
  });

  it('when the sweep runs, then settled orders (needs attention, closed) are neither described nor closed', async () => {
    const orders = given();

    await sweepStuckOrders(MACHINE, orders.deps, NOW);

    expect(orders.described).not.toContain(executionOf('ORD-ATTENTION'));
    expect(orders.described).not.toContain(executionOf('ORD-REJECTED'));
    expect(orders.closes.map((close) => close.orderId)).not.toContain('ORD-ATTENTION');
    expect(orders.order('ORD-ATTENTION').status).toBe('NEEDS_ATTENTION');
    expect(orders.order('ORD-REJECTED').status).toBe('REJECTED');
  });

  it('when the sweep runs twice, then the second run finds nothing to close and gives nothing back twice', async () => {
    const orders = given();

    await sweepStuckOrders(MACHINE, orders.deps, NOW);
    const second = await sweepStuckOrders(MACHINE, orders.deps, NOW);

    expect(second.closed).toEqual([]);
    expect(orders.closes).toHaveLength(3);
    expect([...orders.released.values()].reduce((sum, units) => sum + units, 0)).toBe(6);
  });
});

describe('given an open order changed a moment ago whose execution is not found', () => {
  it('when the sweep runs within the quiet period, then it is left alone (its execution-end event closes it if its workflow ended)', async () => {
    const orders = fakeOrders([{ ...order('ORD-NEW', 'ALLOCATED', 2), modified: '2026-12-03T11:50:00.000Z' }], {});

    const report = await sweepStuckOrders(MACHINE, orders.deps, NOW);

    expect(report).toMatchObject({ examined: 1, recent: 1, closed: [] });
    expect(orders.described).toEqual([]);
    expect(orders.order('ORD-NEW')).toMatchObject({ status: 'ALLOCATED', reserved: 2 });
  });
});

describe('given the end of an order’s workflow execution (its status-change event)', () => {
  it('when the execution timed out while the order held stock, then the order is closed FAILED at once, its stock given back', async () => {
    const orders = fakeOrders([order('ORD-1', 'READY_TO_PICK', 5)], {});

    const closed = await closeAfterExecutionEnded('ORD-1', 'TIMED_OUT', orders.deps);

    expect(closed).toMatchObject({ orderId: 'ORD-1', status: 'READY_TO_PICK', execution: 'TIMED_OUT' });
    expect(orders.order('ORD-1')).toMatchObject({ status: 'FAILED', reserved: 0 });
  });

  it('when the workflow closed the order itself before it ended, then nothing is closed', async () => {
    const orders = fakeOrders([{ ...order('ORD-2', 'REJECTED'), exposed: false }], {});

    expect(await closeAfterExecutionEnded('ORD-2', 'FAILED', orders.deps)).toBeUndefined();
    expect(orders.closes).toEqual([]);
  });

  it('when the order is held as a possible duplicate or unknown, then nothing is closed', async () => {
    const orders = fakeOrders([order('ORD-3', 'POSSIBLE_DUPLICATE')], {});

    expect(await closeAfterExecutionEnded('ORD-3', 'ABORTED', orders.deps)).toBeUndefined();
    expect(await closeAfterExecutionEnded('ORD-UNKNOWN', 'ABORTED', orders.deps)).toBeUndefined();
    expect(orders.closes).toEqual([]);
  });

  it('when the same event is delivered twice, then the order is closed once', async () => {
    const orders = fakeOrders([order('ORD-4', 'ALLOCATED', 1)], {});

    await closeAfterExecutionEnded('ORD-4', 'ABORTED', orders.deps);
    await closeAfterExecutionEnded('ORD-4', 'ABORTED', orders.deps);

    expect(orders.closes).toHaveLength(1);
    expect(orders.released.get('ORD-4')).toBe(1);
  });
});
