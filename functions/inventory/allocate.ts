import { loadConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { allocateStep } from '../../shared/inventory/services/allocate.js';
import { allocateLambda } from '../../shared/inventory/steps.js';

const config = loadConfig(allocateLambda.settings);
const stockWait = { maxWaitSeconds: config.STOCK_WAIT_SECONDS };

export const handler = stepHandler(StepInput, ({ orderId }) => allocateStep(orderId, new Date(), undefined, stockWait));
