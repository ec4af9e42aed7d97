import { loadConfig } from '../../shared/platform/config.js';
import { holdLotRoute } from '../../shared/inventory/routes.js';
import { lotActionResponse, lotIdParam } from '../../shared/inventory/http/lot-action.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { HoldRequest } from '../../shared/inventory/schemas/inventory.js';
import { holdLot } from '../../shared/inventory/services/inventory.js';

const config = loadConfig(holdLotRoute.settings);

async function hold(event: ParsedApiEvent<HoldRequest>) {
  const caller = requireStaff(event, config.ALLOWED_GROUPS);
  const lotId = lotIdParam(event);
  return lotActionResponse(lotId, await holdLot(lotId, event.body, caller.principal));
}

export const handler = apiHandler(hold, holdLotRoute, config).use(zodBody(HoldRequest));
