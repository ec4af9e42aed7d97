import { z } from 'zod';
import { tableConfig, loadConfig } from '../../shared/config.js';
import { stepHandler } from '../../shared/http/step-handler.js';
import { ApprovalTaskInput } from '../../shared/schemas/workflow.js';
import { requestApproval } from '../../shared/services/workflow/request-approval.js';

const config = loadConfig(
  tableConfig.extend({
    PUBLIC_API_URL: z.url(),
    SENDER_EMAIL: z.email(),
    APPROVER_EMAIL: z.email(),
    APPROVAL_TIMEOUT_SECONDS: z.coerce.number().int().positive(),
  }),
);

export const handler = stepHandler(ApprovalTaskInput, ({ orderId, taskToken }) =>
  requestApproval(orderId, taskToken, {
    publicApiUrl: config.PUBLIC_API_URL,
    senderEmail: config.SENDER_EMAIL,
    approverEmail: config.APPROVER_EMAIL,
    validForSeconds: config.APPROVAL_TIMEOUT_SECONDS,
  }),
);
