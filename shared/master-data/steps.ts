import { tableConfig } from '../platform/config.js';
import { declareStep, TABLE_READ, TABLE_WRITE, type StepDeclaration } from '../platform/registry.js';

export const priceLambda = declareStep({
  id: 'Price',
  handler: 'master-data/price',
  purpose: 'Order workflow: prices each line from contracts, price lists and promotions and freezes the explanation',
  workflow: 'order',
  step: 'price',
  settings: tableConfig,
  // Like every order-workflow step: read and write on the whole table, no index.
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] }],
});

/** The master-data context's workflow steps (see shared/platform/registry.ts). */
export const masterDataSteps: readonly StepDeclaration[] = [priceLambda];
