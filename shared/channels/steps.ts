import { tableConfig } from '../platform/config.js';
import { declareStep, TABLE_READ, TABLE_WRITE, type StepDeclaration } from '../platform/registry.js';

export const acknowledgeOrderLambda = declareStep({
  id: 'AcknowledgeOrder',
  handler: 'channels/acknowledge-order',
  purpose: 'Order workflow: tells an EDI buyer what became of its purchase order with an 855; other channels’ orders pass through',
  workflow: 'order',
  step: 'acknowledgeOrder',
  settings: tableConfig,
  // Like every order-workflow step: read and write on the whole table, no index.
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] }],
});

/** The channels context's workflow steps (see shared/platform/registry.ts). */
export const channelsSteps: readonly StepDeclaration[] = [acknowledgeOrderLambda];
