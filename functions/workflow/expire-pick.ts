import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/config.js';
import { stepHandler } from '../../shared/http/step-handler.js';
import { StepInput } from '../../shared/schemas/workflow.js';
import { expirePickStep } from '../../shared/services/workflow/expire-pick.js';

const config = loadConfig(tableConfig.extend({ PICK_TIMEOUT_SECONDS: z.coerce.number().int().positive() }));

export const handler = stepHandler(StepInput, ({ orderId }) => expirePickStep(orderId, config.PICK_TIMEOUT_SECONDS));
