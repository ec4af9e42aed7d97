import { loadConfig } from '../../shared/platform/config.js';
import { formAnswer } from '../../shared/platform/http/link-pages.js';
import { apiHandler, zodBody, type ApiResult, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { problem } from '../../shared/platform/http/problems.js';
import { approvalDecisionRoute } from '../../shared/approvals/routes.js';
import { ApprovalDecisionForm, ApprovalIdParam } from '../../shared/approvals/schemas/approval.js';
import { decide, type DecisionOutcome } from '../../shared/approvals/services/decide-approval.js';
import type { SignInChallenge } from '../../shared/approvals/services/approver-identity.js';

const config = loadConfig(approvalDecisionRoute.settings);

type Refusal = Exclude<DecisionOutcome, { result: 'DECIDED' }>;

/** A right password whose account the directory challenges: signing from a link takes user name and password only. Nothing is counted. */
const CHALLENGE_TEXT: Record<SignInChallenge, string> = {
  MULTI_FACTOR:
    'This account signs in with a second factor, which signing from an approval link does not support; nothing was recorded and no attempt was used. Ask the approvals administrator.',
  NEW_PASSWORD:
    'This account must set a new password first: sign in once through the staff sign-in to set it, then sign again. Nothing was recorded and no attempt was used.',
  OTHER: 'The user directory asks this account for a further sign-in step, which signing from an approval link does not support; nothing was recorded.',
};

function refusal(outcome: Refusal): [number, string, string] {
  switch (outcome.result) {
    case 'NOT_FOUND':
      return [404, 'Not found', 'This approval does not exist.'];
    case 'ALREADY_DECIDED':
      return [409, 'Already decided', `Already decided by ${outcome.decidedBy} at ${outcome.decidedAt}; a link can be used once.`];
    case 'SUPERSEDED':
      return [409, 'No longer needed', 'Another approver rejected this order, so this approval is closed.'];
    case 'WITHDRAWN':
      return [409, 'No longer needed', `This approval was withdrawn, nothing was recorded: ${outcome.reason}.`];
    case 'EXPIRED':
      return [410, 'Expired', 'This approval has expired or was escalated; nothing was recorded.'];
    case 'LOCKED':
      return [423, 'Locked', 'This approval is locked after repeated failed signatures; an alert was raised. It will be escalated.'];
    case 'BAD_CREDENTIALS':
      return [
        401,
        'Signature not verified',
        `The user name or password is wrong, or this user does not hold the role this approval is for; nothing was recorded. ${outcome.attemptsLeft} attempt(s) left before the approval locks.`,
      ];
    case 'NO_ATTEMPTS_LEFT':
      return [423, 'Locked', 'Every signature attempt of this approval is taken by attempts still being checked; nothing was recorded.'];
    case 'SIGN_IN_CHALLENGE':
      return [403, 'Cannot sign from a link', CHALLENGE_TEXT[outcome.challenge]];
    case 'SELF_APPROVAL':
      return [403, 'Forbidden', 'The person who placed or changed an order cannot approve it.'];
    case 'MEANING_NOT_ALLOWED':
      return [400, 'Invalid request', 'meaning: this meaning cannot be signed for this kind of approval.'];
    case 'ORDER_CHANGED':
      return [409, 'Order changed', 'The order changed since this page was loaded; reload it and review the new version before signing.'];
  }
}

const answer = (event: ParsedApiEvent<ApprovalDecisionForm>, status: number, title: string, detail: string, body: unknown): ApiResult =>
  formAnswer(event.headers?.accept, status, title, detail, body);

async function signDecision(event: ParsedApiEvent<ApprovalDecisionForm>) {
  const approvalId = ApprovalIdParam.safeParse(event.pathParameters?.approvalId);
  if (!approvalId.success) return problem(404, 'Not found', 'This approval does not exist.');
  const outcome = await decide(approvalId.data, event.body, {
    userPoolId: config.USER_POOL_ID,
    clientId: config.APPROVALS_CLIENT_ID,
    policy: config.APPROVAL_POLICY,
    senderEmail: config.SENDER_EMAIL,
    alertEmail: config.ALERT_EMAIL,
  });
  if (outcome.result === 'DECIDED') {
    const { decision } = outcome;
    return answer(
      event,
      200,
      `Order ${decision.orderId}: signed`,
      `Signed by ${decision.signedBy} at ${decision.signedAt}. ${decision.meaningText}.`,
      decision,
    );
  }
  const [status, title, detail] = refusal(outcome);
  return answer(event, status, title, detail, undefined);
}

export const handler = apiHandler(signDecision, approvalDecisionRoute, config).use(zodBody(ApprovalDecisionForm));
