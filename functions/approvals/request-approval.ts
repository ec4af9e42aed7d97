import { z } from 'zod';
import { tableConfig, loadConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { ApprovalTaskInput } from '../../shared/orders/schemas/workflow.js';
import { requestApproval } from '../../shared/approvals/services/request-approval.js';

const config = loadConfig(
  tableConfig.extend({
    PUBLIC_API_URL: z.url(),
    SENDER_EMAIL: z.email(),
    APPROVER_EMAIL: z.email(),
    USER_POOL_ID: z.string().min(1),
    APPROVAL_TIMEOUT_SECONDS: z.coerce.number().int().positive(),
  }),
);

export const handler = stepHandler(ApprovalTaskInput, (task) =>
  requestApproval(task, {
    publicApiUrl: config.PUBLIC_API_URL,
    senderEmail: config.SENDER_EMAIL,
    fallbackEmail: config.APPROVER_EMAIL,
    userPoolId: config.USER_POOL_ID,
    validForSeconds: config.APPROVAL_TIMEOUT_SECONDS,
  }),
);
