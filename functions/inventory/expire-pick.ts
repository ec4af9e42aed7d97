import { loadConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { expirePickStep } from '../../shared/inventory/services/expire-pick.js';
import { expirePickLambda } from '../../shared/inventory/steps.js';

const config = loadConfig(expirePickLambda.settings);

export const handler = stepHandler(StepInput, ({ orderId }) => expirePickStep(orderId, config.PICK_TIMEOUT_SECONDS));
