import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { allocateStep } from '../../shared/inventory/services/allocate.js';

const config = loadConfig(tableConfig.extend({ STOCK_WAIT_SECONDS: z.coerce.number().int().nonnegative() }));
const stockWait = { maxWaitSeconds: config.STOCK_WAIT_SECONDS };

export const handler = stepHandler(StepInput, ({ orderId }) => allocateStep(orderId, new Date(), undefined, stockWait));
