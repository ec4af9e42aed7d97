import { jsonOf, loadConfig, tableConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { ApprovalPolicy } from '../../shared/approvals/schemas/approval-policy.js';
import { ApprovalRequestInput } from '../../shared/orders/schemas/workflow.js';
import { escalateApproval } from '../../shared/approvals/services/escalate-approval.js';

const config = loadConfig(tableConfig.extend({ APPROVAL_POLICY: jsonOf(ApprovalPolicy) }));

export const handler = stepHandler(ApprovalRequestInput, (input) => escalateApproval(input, config.APPROVAL_POLICY));
