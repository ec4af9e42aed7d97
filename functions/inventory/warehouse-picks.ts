import { z } from 'zod';
import { loadConfig } from '../../shared/platform/config.js';
import { warehousePicksRoute } from '../../shared/inventory/routes.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem, validationProblem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { PickCursor, pickTaskOf, pickWorkList } from '../../shared/inventory/services/warehouse-picks.js';
import { OrderId } from '../../shared/orders/schemas/order.js';

const config = loadConfig(warehousePicksRoute.settings);
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(25), cursor: PickCursor.optional() });

/** The warehouse work list (GET /v1/warehouse/picks) and one order's pick task (GET /v1/warehouse/picks/{orderId}). */
async function picks(event: ApiEvent) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const orderIdParam = event.pathParameters?.orderId;
  if (orderIdParam !== undefined) {
    const orderId = OrderId.safeParse(orderIdParam);
    if (!orderId.success) return problem(400, 'Invalid request', 'orderId: not an order id (ORD- followed by 26 characters)');
    const task = await pickTaskOf(orderId.data);
    if (!task) return problem(404, 'Not found', `Order ${orderId.data} has no pick task (it is not allocated yet, or does not exist).`);
    return json(200, task);
  }
  const query = ListQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) return validationProblem(query.error);
  return json(200, await pickWorkList(query.data.limit, query.data.cursor));
}

export const handler = apiHandler(picks, warehousePicksRoute, config);
