import { loadConfig } from '../../shared/platform/config.js';
import { getLotRoute } from '../../shared/inventory/routes.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { lotIdParam } from '../../shared/inventory/http/lot-action.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { lotDetail } from '../../shared/inventory/services/inventory.js';

const config = loadConfig(getLotRoute.settings);

async function getLot(event: ApiEvent) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const lotId = lotIdParam(event);
  const lot = await lotDetail(lotId);
  if (!lot) return problem(404, 'Not found', `Lot ${lotId} does not exist (a lot id is {gtin}-{lotNumber}).`);
  return json(200, lot);
}

export const handler = apiHandler(getLot, getLotRoute, config);
