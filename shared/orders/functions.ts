import { z } from 'zod';
import { declareFunction, type FunctionDeclaration } from '../platform/registry.js';

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

/** The orders context's functions that are neither routes nor workflow steps: stream consumers, schedules, notifications (see shared/platform/registry.ts). */
export const ordersFunctions: readonly FunctionDeclaration[] = [publisherFunction];
