import { z } from 'zod';
import { jsonOf, loadConfig, tableConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { ApprovalPolicy } from '../../shared/approvals/schemas/approval-policy.js';
import { RecallStepInput } from '../../shared/recalls/schemas/recall.js';
import { containRecall } from '../../shared/recalls/services/contain.js';

const config = loadConfig(tableConfig.extend({ ORDER_STATE_MACHINE_ARN: z.string().min(1), APPROVAL_POLICY: jsonOf(ApprovalPolicy) }));

export const handler = stepHandler(RecallStepInput, ({ recallId }) =>
  containRecall(recallId, { orderStateMachineArn: config.ORDER_STATE_MACHINE_ARN, approvalPolicy: config.APPROVAL_POLICY }),
);
