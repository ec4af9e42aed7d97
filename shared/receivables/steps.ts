import { tableConfig } from '../platform/config.js';
import { declareStep, TABLE_READ, TABLE_WRITE, type StepDeclaration } from '../platform/registry.js';

export const invoiceLambda = declareStep({
  id: 'Invoice',
  handler: 'receivables/invoice',
  purpose: 'Order workflow: bills the shipped quantities at the frozen prices and moves the exposure to the unpaid invoice',
  workflow: 'order',
  step: 'invoice',
  settings: tableConfig,
  // Like every order-workflow step: read and write on the whole table, no index.
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] }],
});

/** The receivables context's workflow steps (see shared/platform/registry.ts). */
export const receivablesSteps: readonly StepDeclaration[] = [invoiceLambda];
