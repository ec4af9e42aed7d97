import { approvalsRoutes } from '../approvals/routes.js';
import { approvalsSteps } from '../approvals/steps.js';
import { channelsFunctions } from '../channels/functions.js';
import { channelsRoutes } from '../channels/routes.js';
import { channelsSteps } from '../channels/steps.js';
import { complianceFunctions } from '../compliance/functions.js';
import { complianceRoutes } from '../compliance/routes.js';
import { complianceSteps } from '../compliance/steps.js';
import { inventoryRoutes } from '../inventory/routes.js';
import { inventorySteps } from '../inventory/steps.js';
import { masterDataRoutes } from '../master-data/routes.js';
import { masterDataSteps } from '../master-data/steps.js';
import { ordersFunctions } from '../orders/functions.js';
import { ordersRoutes } from '../orders/routes.js';
import { ordersSteps } from '../orders/steps.js';
import { platformRoutes } from '../platform/routes.js';
import type { FunctionDeclaration, RouteDeclaration, StepDeclaration } from '../platform/registry.js';
import { recallsFunctions } from '../recalls/functions.js';
import { recallsRoutes } from '../recalls/routes.js';
import { recallsSteps } from '../recalls/steps.js';
import { receivablesRoutes } from '../receivables/routes.js';
import { receivablesSteps } from '../receivables/steps.js';

/**
 * Every declared function of the system, by kind. CDK builds from these, the
 * OpenAPI document takes its paths from the routes, and the CDK tests derive
 * their expectations from them. A new context adds its three lists here once.
 */
export const ROUTES_BY_CONTEXT = {
  orders: ordersRoutes,
  approvals: approvalsRoutes,
  'master-data': masterDataRoutes,
  inventory: inventoryRoutes,
  recalls: recallsRoutes,
  compliance: complianceRoutes,
  channels: channelsRoutes,
  receivables: receivablesRoutes,
  platform: platformRoutes,
} as const satisfies Record<string, readonly RouteDeclaration[]>;

export const ROUTE_DECLARATIONS: readonly RouteDeclaration[] = Object.values(ROUTES_BY_CONTEXT).flat();

export const STEP_DECLARATIONS: readonly StepDeclaration[] = [
  ...ordersSteps,
  ...masterDataSteps,
  ...approvalsSteps,
  ...inventorySteps,
  ...receivablesSteps,
  ...complianceSteps,
  ...channelsSteps,
  ...recallsSteps,
];

/** Stream consumers, schedules and notification handlers. */
export const OTHER_FUNCTION_DECLARATIONS: readonly FunctionDeclaration[] = [
  ...ordersFunctions,
  ...complianceFunctions,
  ...channelsFunctions,
  ...recallsFunctions,
];

export const FUNCTION_DECLARATIONS: readonly FunctionDeclaration[] = [...ROUTE_DECLARATIONS, ...STEP_DECLARATIONS, ...OTHER_FUNCTION_DECLARATIONS];

/** The declaration of one function by its id; a construct wiring a trigger to it looks it up here. */
export function declarationOf(id: string): FunctionDeclaration {
  const found = FUNCTION_DECLARATIONS.find((declaration) => declaration.id === id);
  if (!found) throw new Error(`No function ${id} is declared in the registry`);
  return found;
}
