import { exposedOrdersOf, findOrder } from '../data/order-repository.js';
import { movedByWorkflow, stuckVerdictOf } from '../domain/stuck-orders.js';
import type { OrderStatus } from '../schemas/order.js';
import { closeOrder, type CloseRequest } from './close.js';
import { describeExecution, executionArnOf } from '../../platform/aws/workflow.js';
import type { ExecutionStatus } from '../../platform/domain/executions.js';
import { listMasterRecords } from '../../master-data/services/master-data.js';

/** What the sweep and the execution-end handler need; real ones by default, fakes in unit tests. */
export interface StuckOrderDeps {
  /** Every customer id (master data, one partition, paged). */
  customerIds: () => Promise<string[]>;
  /** A customer's orders that are priced and not yet invoiced or closed (the sparse exposure index). */
  openOrdersOf: (customerId: string) => Promise<{ orderId: string; status: OrderStatus; modified: string }[]>;
  findOrder: (orderId: string) => Promise<{ orderId: string; status: OrderStatus } | undefined>;
  describeExecution: (executionArn: string) => Promise<ExecutionStatus>;
  closeOrder: (request: CloseRequest, now: Date) => Promise<void>;
}

export const stuckOrderDeps: StuckOrderDeps = {
  customerIds: async () => (await listMasterRecords('customers')).map((record) => record.id),
  openOrdersOf: exposedOrdersOf,
  findOrder,
  describeExecution,
  closeOrder,
};

export interface ClosedStuckOrder {
  orderId: string;
  /** The order's status when it was found. */
  status: OrderStatus;
  execution: ExecutionStatus;
  reason: string;
}

/**
 * The sweep leaves an order changed this recently alone: its execution-end event closes it at once if its workflow
 * ended, and an order a moment out of its workflow's hands (a step writing it) is not stuck.
 */
export const SWEEP_QUIET_MINUTES = 15;

export interface SweepReport {
  /** Open orders looked at. */
  examined: number;
  /** Of them, orders changed within the quiet period, left alone. */
  recent: number;
  /** Of them, orders whose workflow still runs. */
  running: number;
  closed: ClosedStuckOrder[];
}

/**
 * An order's execution has ended (its status-change event): if it left the
 * order in a status only the workflow moves it out of, close it now through
 * the close rule, so its reserved stock goes back at once. An order the
 * workflow closed itself, or never had, is left as it is.
 */
export async function closeAfterExecutionEnded(
  orderId: string,
  execution: ExecutionStatus,
  deps: StuckOrderDeps = stuckOrderDeps,
  now: Date = new Date(),
): Promise<ClosedStuckOrder | undefined> {
  const order = await deps.findOrder(orderId);
  if (!order) return undefined;
  const { status } = order;
  const verdict = stuckVerdictOf(status, execution);
  if (!verdict.stuck) return undefined;
  await deps.closeOrder({ orderId, status: verdict.closure, reason: verdict.reason }, now);
  return { orderId, status, execution, reason: verdict.reason };
}

/**
 * The periodic safety net behind the execution-end events (a missed or failed
 * event, an execution whose close step itself failed): every order that is
 * priced and not yet invoiced or closed (it may hold stock and counts towards
 * credit) is read from the exposure index, customer by customer, and its
 * execution asked whether it still runs; an order whose execution ended is
 * closed as closeAfterExecutionEnded would have. Orders changed within the
 * quiet period are left alone. Closing twice changes nothing.
 */
export async function sweepStuckOrders(stateMachineArn: string, deps: StuckOrderDeps = stuckOrderDeps, now: Date = new Date()): Promise<SweepReport> {
  const report: SweepReport = { examined: 0, recent: 0, running: 0, closed: [] };
  const quietSince = new Date(now.getTime() - SWEEP_QUIET_MINUTES * 60_000).toISOString();
  for (const customerId of await deps.customerIds()) {
    for (const order of await deps.openOrdersOf(customerId)) {
      report.examined += 1;
      if (!movedByWorkflow(order.status)) continue;
      if (order.modified > quietSince) {
        report.recent += 1;
        continue;
      }
      const execution = await deps.describeExecution(executionArnOf(stateMachineArn, order.orderId));
      if (execution === 'RUNNING' || execution === 'PENDING_REDRIVE') {
        report.running += 1;
        continue;
      }
      const closed = await closeAfterExecutionEnded(order.orderId, execution, deps, now);
      if (closed) report.closed.push(closed);
    }
  }
  return report;
}
