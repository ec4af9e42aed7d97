import { loadConfig } from '../../shared/platform/config.js';
import { inspectLotRoute } from '../../shared/inventory/routes.js';
import { lotActionResponse, lotIdParam } from '../../shared/inventory/http/lot-action.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { InspectionRequest } from '../../shared/inventory/schemas/inventory.js';
import { inspectLot } from '../../shared/inventory/services/inventory.js';

const config = loadConfig(inspectLotRoute.settings);

async function inspect(event: ParsedApiEvent<InspectionRequest>) {
  const caller = requireStaff(event, config.ALLOWED_GROUPS);
  const lotId = lotIdParam(event);
  return lotActionResponse(lotId, await inspectLot(lotId, event.body, caller.principal));
}

export const handler = apiHandler(inspect, inspectLotRoute, config).use(zodBody(InspectionRequest));
