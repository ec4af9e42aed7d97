import { loadConfig } from '../../shared/platform/config.js';
import { closeRecallRoute } from '../../shared/recalls/routes.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { RecallCloseRequest, RecallIdParam } from '../../shared/recalls/schemas/recall.js';
import { closeRecall } from '../../shared/recalls/services/close.js';

const config = loadConfig(closeRecallRoute.settings);

/** POST /v1/recalls/{recallId}/close: regulatory closes a finished recall with an outcome and reason (override when consignees are open). */
async function close(event: ParsedApiEvent<RecallCloseRequest>) {
  const caller = requireStaff(event, config.ALLOWED_GROUPS);
  const recallId = RecallIdParam.safeParse(event.pathParameters?.recallId);
  if (!recallId.success) return problem(404, 'Not found', 'No such recall (a recall id looks like RCL-01J…).');
  const outcome = await closeRecall(recallId.data, event.body, caller.principal, {
    bucket: config.AUDIT_BUCKET,
    signingKeyId: config.SIGNING_KEY_ID,
    defaultRetentionYears: config.DEFAULT_RETENTION_YEARS,
  });
  switch (outcome.result) {
    case 'NOT_FOUND':
      return problem(404, 'Not found', `Recall ${recallId.data} does not exist.`);
    case 'REFUSED':
      return problem(409, 'Recall cannot close', `${outcome.reason}; nothing was changed.`, {
        errors: outcome.open.map((message) => ({ path: 'consignees', message })),
      });
    case 'CLOSED':
      return json(200, outcome.recall);
  }
}

export const handler = apiHandler(close, closeRecallRoute, config).use(zodBody(RecallCloseRequest));
