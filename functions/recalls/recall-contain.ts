import { loadConfig } from '../../shared/platform/config.js';
import { recallContainStep } from '../../shared/recalls/steps.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { RecallStepInput } from '../../shared/recalls/schemas/recall.js';
import { containRecall } from '../../shared/recalls/services/contain.js';

const config = loadConfig(recallContainStep.settings);

export const handler = stepHandler(RecallStepInput, ({ recallId }) =>
  containRecall(recallId, { orderStateMachineArn: config.ORDER_STATE_MACHINE_ARN, approvalPolicy: config.APPROVAL_POLICY }),
);
