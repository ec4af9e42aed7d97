import { loadConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { ApprovalTaskInput } from '../../shared/orders/schemas/workflow.js';
import { requestApproval } from '../../shared/approvals/services/request-approval.js';
import { requestApprovalLambda } from '../../shared/approvals/steps.js';

const config = loadConfig(requestApprovalLambda.settings);

export const handler = stepHandler(ApprovalTaskInput, (task) =>
  requestApproval(task, {
    publicApiUrl: config.PUBLIC_API_URL,
    senderEmail: config.SENDER_EMAIL,
    fallbackEmail: config.APPROVER_EMAIL,
    userPoolId: config.USER_POOL_ID,
    validForSeconds: config.APPROVAL_TIMEOUT_SECONDS,
  }),
);
