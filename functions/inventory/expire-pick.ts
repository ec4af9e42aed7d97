import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { expirePickStep } from '../../shared/inventory/services/expire-pick.js';

const config = loadConfig(tableConfig.extend({ PICK_TIMEOUT_SECONDS: z.coerce.number().int().positive() }));

export const handler = stepHandler(StepInput, ({ orderId }) => expirePickStep(orderId, config.PICK_TIMEOUT_SECONDS));
