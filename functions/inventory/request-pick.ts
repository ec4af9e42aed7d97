import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { PickTaskInput } from '../../shared/orders/schemas/workflow.js';
import { requestPick } from '../../shared/inventory/services/request-pick.js';

const config = loadConfig(tableConfig.extend({ PICK_TIMEOUT_SECONDS: z.coerce.number().int().positive() }));

export const handler = stepHandler(PickTaskInput, (task) => requestPick(task, { timeoutSeconds: config.PICK_TIMEOUT_SECONDS }));
