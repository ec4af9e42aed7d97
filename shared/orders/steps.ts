import { tableConfig } from '../platform/config.js';
import { declareStep, TABLE_READ, TABLE_WRITE, type StepDeclaration } from '../platform/registry.js';

// Every order-workflow step may read and write the whole table (TABLE_READ +
// TABLE_WRITE), not only the items its step touches; indexes only where named.

export const validateLambda = declareStep({
  id: 'Validate',
  handler: 'orders/validate',
  purpose: 'Order workflow: checks again that the customer exists and every line passes the product rules (master data may have changed since intake)',
  workflow: 'order',
  step: 'validate',
  settings: tableConfig,
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] }],
});

export const closeLambda = declareStep({
  id: 'Close',
  handler: 'orders/close',
  purpose: 'Order workflow: every end but success; gives reserved stock back, ends the credit exposure, sets the final status with its reason',
  workflow: 'order',
  step: 'close',
  settings: tableConfig,
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] }],
});

/** The orders context's workflow steps (see shared/platform/registry.ts). */
export const ordersSteps: readonly StepDeclaration[] = [validateLambda, closeLambda];
