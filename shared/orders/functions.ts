import { z } from 'zod';
import { tableConfig } from '../platform/config.js';
import { declareFunction, TABLE_READ, TABLE_WRITE, type FunctionDeclaration } from '../platform/registry.js';

/**
 * The table stream's second consumer (infra/orders/domain-events.ts wires the
 * stream and owns the bus): turns outbox items (855 acknowledgments, advance
 * ship notices) into events on the bus, and makes sure every order written as
 * RECEIVED has its workflow (the order item is the outbox entry).
 */
export const publisherFunction = declareFunction({
  id: 'Publisher',
  handler: 'orders/publish-domain-events',
  purpose: 'Table stream -> domain events on the bus; starts the workflow of a RECEIVED order whose intake did not',
  settings: z.object({ EVENT_BUS_NAME: z.string().min(1), ORDER_STATE_MACHINE_ARN: z.string().min(1) }),
  grants: [
    { kind: 'eventBus', actions: ['events:PutEvents'] },
    // The relay: the safety net that starts an order's workflow when its intake could not.
    { kind: 'orderWorkflow', actions: ['states:StartExecution'] },
    { kind: 'tableStream' },
  ],
  timeoutSeconds: 30,
});

/**
 * The order workflow's execution ended TIMED_OUT, FAILED or ABORTED (its status-change event on the default bus):
 * an order it left in a workflow status is closed at once through the close rule, as the Close step would.
 */
export const closeEndedOrderFunction = declareFunction({
  id: 'CloseEndedOrder',
  handler: 'orders/close-ended-order',
  purpose: 'Order execution timed out, failed or was stopped -> closes the order it left open (stock back) through the close rule',
  settings: tableConfig,
  // The close step's own grants: it closes exactly as Close does.
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] }],
  timeoutSeconds: 60,
});

/**
 * Every 15 minutes, the safety net behind closeEndedOrderFunction: orders priced and not yet invoiced or closed are
 * read customer by customer from the exposure index (GSI1), and each whose execution no longer runs is closed.
 */
export const sweepStuckOrdersFunction = declareFunction({
  id: 'SweepStuckOrders',
  handler: 'orders/sweep-stuck-orders',
  purpose: 'Every 15 minutes: closes open orders whose workflow execution no longer runs (stock back), through the close rule',
  settings: tableConfig.extend({ ORDER_STATE_MACHINE_ARN: z.string().min(1) }),
  grants: [
    { kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE], indexes: ['GSI1'] },
    { kind: 'orderExecutions', actions: ['states:DescribeExecution'] },
  ],
  timeoutSeconds: 300,
});

/** The orders context's functions that are neither routes nor workflow steps: stream consumers, schedules, notifications (see shared/platform/registry.ts). */
export const ordersFunctions: readonly FunctionDeclaration[] = [publisherFunction, closeEndedOrderFunction, sweepStuckOrdersFunction];
