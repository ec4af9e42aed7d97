import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/config.js';
import { stepHandler } from '../../shared/http/step-handler.js';
import { RecallStepInput } from '../../shared/schemas/recall.js';
import { containRecall } from '../../shared/services/recall/contain.js';

const config = loadConfig(tableConfig.extend({ ORDER_STATE_MACHINE_ARN: z.string().min(1) }));

export const handler = stepHandler(RecallStepInput, ({ recallId }) => containRecall(recallId, config.ORDER_STATE_MACHINE_ARN));
