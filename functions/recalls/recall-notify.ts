import { loadConfig } from '../../shared/platform/config.js';
import { recallNotifyStep } from '../../shared/recalls/steps.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { RecallStepInput } from '../../shared/recalls/schemas/recall.js';
import { notifyRecall } from '../../shared/recalls/services/notify.js';

const config = loadConfig(recallNotifyStep.settings);

export const handler = stepHandler(RecallStepInput, ({ recallId }) =>
  notifyRecall(recallId, { publicApiUrl: config.PUBLIC_API_URL, senderEmail: config.SENDER_EMAIL, configurationSetName: config.LETTER_CONFIGURATION_SET }),
);
