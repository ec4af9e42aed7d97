import { loadConfig } from '../../shared/platform/config.js';
import { callerOf } from '../../shared/platform/http/caller.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { pendingApprovalsRoute } from '../../shared/approvals/routes.js';
import { pendingFor } from '../../shared/approvals/services/pending-approvals.js';

const config = loadConfig(pendingApprovalsRoute.settings);

async function listPending(event: ApiEvent) {
  const status = event.queryStringParameters?.status ?? 'pending';
  if (status !== 'pending') return problem(400, 'Invalid request', 'status: only "pending" can be listed.');
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  if (!caller?.principal.startsWith('user:')) return problem(403, 'Forbidden', 'Sign in as an approver to see pending approvals.');
  return json(200, { approvals: await pendingFor(caller.groups, config.APPROVAL_POLICY) });
}

export const handler = apiHandler(listPending, pendingApprovalsRoute, config);
