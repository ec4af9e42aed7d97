import { loadConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { shipStep } from '../../shared/inventory/services/ship.js';
import { shipLambda } from '../../shared/inventory/steps.js';

const config = loadConfig(shipLambda.settings);

export const handler = stepHandler(StepInput, ({ orderId }) => shipStep(orderId, config.SHIP_FROM));
