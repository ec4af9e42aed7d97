import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/config.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/http/middleware.js';
import { json, problem } from '../../shared/http/problems.js';
import { ApprovalDecisionForm, ApprovalIdParam } from '../../shared/schemas/approval.js';
import { renderDecisionPage } from '../../shared/services/approval-page.js';
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

const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' };

/** A browser posting the form gets a page back; API clients get JSON. */
function wantsHtml(event: ParsedApiEvent<ApprovalDecisionForm>): boolean {
  return String(event.headers?.accept ?? '').includes('text/html');
}

async function signDecision(event: ParsedApiEvent<ApprovalDecisionForm>) {
  const approvalId = ApprovalIdParam.safeParse(event.pathParameters?.approvalId);
  if (!approvalId.success) return problem(404, 'Not found', 'This approval does not exist.');
  const outcome = await decide(approvalId.data, event.body, {
    userPoolId: config.USER_POOL_ID,
    clientId: config.APPROVALS_CLIENT_ID,
    approverGroup: config.APPROVER_GROUP,
  });
  if (outcome.result === 'DECIDED') {
    const { decision } = outcome;
    if (!wantsHtml(event)) return json(200, decision);
    const page = renderDecisionPage(200, `Order ${decision.orderId}: ${decision.decision.toLowerCase()}`, `Signed by ${decision.signedBy} at ${decision.signedAt}. Meaning: ${decision.meaning}.`);
    return { statusCode: page.status, headers: HTML_HEADERS, body: page.html };
  }
  const [status, title, detail] = REFUSALS[outcome.result];
  if (!wantsHtml(event)) return problem(status, title, detail);
  const page = renderDecisionPage(status, title, detail);
  return { statusCode: page.status, headers: HTML_HEADERS, body: page.html };
}

export const handler = apiHandler(signDecision).use(zodBody(ApprovalDecisionForm));
