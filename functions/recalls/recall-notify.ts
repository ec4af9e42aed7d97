import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { RecallStepInput } from '../../shared/recalls/schemas/recall.js';
import { notifyRecall } from '../../shared/recalls/services/notify.js';

const config = loadConfig(tableConfig.extend({ PUBLIC_API_URL: z.string().min(1), SENDER_EMAIL: z.email(), LETTER_CONFIGURATION_SET: z.string().min(1) }));

export const handler = stepHandler(RecallStepInput, ({ recallId }) =>
  notifyRecall(recallId, { publicApiUrl: config.PUBLIC_API_URL, senderEmail: config.SENDER_EMAIL, configurationSetName: config.LETTER_CONFIGURATION_SET }),
);
