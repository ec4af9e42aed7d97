import { z } from 'zod';
import { jsonOf, tableConfig } from '../platform/config.js';
import { declareStep, TABLE_READ, TABLE_WRITE, type StepDeclaration } from '../platform/registry.js';
import { ShipFrom } from './schemas/shipment.js';

// Every order-workflow step may read and write the whole table (TABLE_READ +
// TABLE_WRITE), not only the items its step touches; indexes only where named.

const pickSettings = tableConfig.extend({ PICK_TIMEOUT_SECONDS: z.coerce.number().int().positive() });

export const allocateLambda = declareStep({
  id: 'Allocate',
  handler: 'inventory/allocate',
  purpose: 'Order workflow: reserves every line first-expiry-first-out, or waits for stock within the policy window',
  workflow: 'order',
  step: 'allocate',
  settings: tableConfig.extend({ STOCK_WAIT_SECONDS: z.coerce.number().int().nonnegative() }),
  // Serial-controlled lines look up free serials of a lot on GSI1.
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE], indexes: ['GSI1'] }],
});

export const requestPickLambda = declareStep({
  id: 'RequestPick',
  handler: 'inventory/request-pick',
  purpose: 'Order workflow: hands the allocated order to the warehouse as a pick task holding the workflow’s task token',
  workflow: 'order',
  step: 'requestPick',
  settings: pickSettings,
  // Opens the pick task (work list on GSI1) holding the workflow's task token; the expiry closes it.
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] }],
});

export const expirePickLambda = declareStep({
  id: 'ExpirePick',
  handler: 'inventory/expire-pick',
  purpose: 'Order workflow: the warehouse’s time ran out; closes the pick task unless a confirmation won the race',
  workflow: 'order',
  step: 'expirePick',
  settings: pickSettings,
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] }],
});

export const shipLambda = declareStep({
  id: 'Ship',
  handler: 'inventory/ship',
  purpose: 'Order workflow: ships the scanned reservations, writes the lot-to-customer trace and emits the advance ship notice',
  workflow: 'order',
  step: 'ship',
  settings: tableConfig.extend({ SHIP_FROM: jsonOf(ShipFrom) }),
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] }],
});

/** The inventory context's workflow steps (see shared/platform/registry.ts). */
export const inventorySteps: readonly StepDeclaration[] = [allocateLambda, requestPickLambda, expirePickLambda, shipLambda];
