import { loadConfig } from '../../shared/platform/config.js';
import { getStockRoute } from '../../shared/inventory/routes.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, validationProblem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { StockQuery } from '../../shared/inventory/schemas/inventory.js';
import { stockOf } from '../../shared/inventory/services/inventory.js';

const config = loadConfig(getStockRoute.settings);

async function getStock(event: ApiEvent) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const query = StockQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) return validationProblem(query.error);
  return json(200, await stockOf(query.data.gtin));
}

export const handler = apiHandler(getStock, getStockRoute, config);
