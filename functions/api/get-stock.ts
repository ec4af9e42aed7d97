import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/config.js';
import { apiHandler, type ApiEvent } from '../../shared/http/middleware.js';
import { json, validationProblem } from '../../shared/http/problems.js';
import { requireStaff } from '../../shared/http/staff.js';
import { StockQuery } from '../../shared/schemas/inventory.js';
import { stockOf } from '../../shared/services/inventory.js';

const config = loadConfig(tableConfig.extend({ ALLOWED_GROUPS: z.string().transform((s) => s.split(',')) }));

async function getStock(event: ApiEvent) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const query = StockQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) return validationProblem(query.error);
  return json(200, await stockOf(query.data.gtin));
}

export const handler = apiHandler(getStock);
