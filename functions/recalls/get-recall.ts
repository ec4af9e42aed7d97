import { loadConfig } from '../../shared/platform/config.js';
import { getRecallRoute } from '../../shared/recalls/routes.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { RecallIdParam } from '../../shared/recalls/schemas/recall.js';
import { recallPackage, recallStatus } from '../../shared/recalls/services/view.js';

const config = loadConfig(getRecallRoute.settings);

/** GET /v1/recalls/{recallId} (progress) and /package (the whole package), read-only. */
async function readRecall(event: ApiEvent) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const recallId = RecallIdParam.safeParse(event.pathParameters?.recallId);
  if (!recallId.success) return problem(404, 'Not found', 'No such recall (a recall id looks like RCL-01J…).');
  const wantsPackage = event.rawPath.endsWith('/package');
  const found = wantsPackage ? await recallPackage(recallId.data) : await recallStatus(recallId.data);
  return found ? json(200, found) : problem(404, 'Not found', `Recall ${recallId.data} does not exist.`);
}

export const handler = apiHandler(readRecall, getRecallRoute, config);
