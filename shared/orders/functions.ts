import { z } from 'zod';
import { tableConfig } from '../platform/config.js';
import { declareFunction, TABLE_READ, TABLE_WRITE, type FunctionDeclaration, type Grant } from '../platform/registry.js';

const relaySettings = z.object({
  EVENT_BUS_NAME: z.string().min(1),
  ORDER_STATE_MACHINE_ARN: z.string().min(1),
  KEPT_PUBLICATIONS_QUEUE_URL: z.string().min(1),
});

const relayGrants = [
  { kind: 'eventBus', actions: ['events:PutEvents'] },
  // The relay: the safety net that starts an order's workflow when its intake could not.
  { kind: 'orderWorkflow', actions: ['states:StartExecution'] },
] as const satisfies readonly Grant[];

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
  // The kept-publications queue is the domain events construct's own (infra/orders/domain-events.ts): it binds the URL and grants SendMessage.
  settings: relaySettings,
  grants: [...relayGrants, { kind: 'tableStream' }],
  timeoutSeconds: 30,
});

/**
 * Every five minutes (infra/orders/domain-events.ts schedules it): relays the
 * stream records the publisher kept, and removes each once relayed. Its queue
 * grant (receive, delete) is bound by the construct that owns the queue.
 */
export const replayKeptPublicationsFunction = declareFunction({
  id: 'ReplayKeptPublications',
  handler: 'orders/replay-kept-publications',
  purpose: 'Every 5 minutes: relays the stream records the publisher kept (events to the bus, workflow starts), idempotently',
  settings: relaySettings,
  grants: relayGrants,
  timeoutSeconds: 300,
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
export const ordersFunctions: readonly FunctionDeclaration[] = [
  publisherFunction,
  replayKeptPublicationsFunction,
  closeEndedOrderFunction,
  sweepStuckOrdersFunction,
];
