import { loadConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { ApprovalRequestInput } from '../../shared/orders/schemas/workflow.js';
import { escalateApproval } from '../../shared/approvals/services/escalate-approval.js';
import { escalateApprovalLambda } from '../../shared/approvals/steps.js';

const config = loadConfig(escalateApprovalLambda.settings);

export const handler = stepHandler(ApprovalRequestInput, (input) => escalateApproval(input, config.APPROVAL_POLICY));
