import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/config.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/http/middleware.js';
import { json, problem } from '../../shared/http/problems.js';
import { ApprovalDecisionForm, ApprovalIdParam } from '../../shared/schemas/approval.js';
import { decide, type DecisionOutcome } from '../../shared/services/decide-approval.js';

const config = loadConfig(
  tableConfig.extend({
    USER_POOL_ID: z.string().min(1),
    APPROVALS_CLIENT_ID: z.string().min(1),
    APPROVER_GROUP: z.string().min(1),
  }),
);

const REFUSALS: Record<Exclude<DecisionOutcome['result'], 'DECIDED'>, [number, string, string]> = {
  NOT_FOUND: [404, 'Not found', 'This approval does not exist.'],
  ALREADY_DECIDED: [409, 'Already decided', 'This approval has already been decided; a link can be used once.'],
  EXPIRED: [410, 'Expired', 'This approval has expired; the order was or will be rejected as "approval expired".'],
  BAD_CREDENTIALS: [401, 'Signature not verified', 'The user name or password is wrong; nothing was recorded.'],
  NOT_AN_APPROVER: [403, 'Forbidden', 'This user is not allowed to approve orders.'],
  SELF_APPROVAL: [403, 'Forbidden', 'The person who placed or changed an order cannot approve it.'],
};

async function signDecision(event: ParsedApiEvent<ApprovalDecisionForm>) {
  const approvalId = ApprovalIdParam.safeParse(event.pathParameters?.approvalId);
  if (!approvalId.success) return problem(404, 'Not found', 'This approval does not exist.');
  const outcome = await decide(approvalId.data, event.body, {
    userPoolId: config.USER_POOL_ID,
    clientId: config.APPROVALS_CLIENT_ID,
    approverGroup: config.APPROVER_GROUP,
  });
  if (outcome.result === 'DECIDED') return json(200, outcome.decision);
  const [status, title, detail] = REFUSALS[outcome.result];
  return problem(status, title, detail);
}

export const handler = apiHandler(signDecision).use(zodBody(ApprovalDecisionForm));
