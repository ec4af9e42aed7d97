import { z } from 'zod';
import { loadConfig } from '../../shared/platform/config.js';
import { traceRoute } from '../../shared/inventory/routes.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem, validationProblem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { Gtin14 } from '../../shared/platform/schemas/common.js';
import { LotNumber, SerialNumber } from '../../shared/inventory/schemas/inventory.js';
import { OrderId } from '../../shared/orders/schemas/order.js';
import { decodedPathParameter } from '../../shared/platform/http/path-parameters.js';
import { traceLot, traceOrder, traceSerial } from '../../shared/inventory/services/trace.js';
import { pageOfShipments, TRACE_PAGE_MAX } from '../../shared/inventory/domain/trace-page.js';

const config = loadConfig(traceRoute.settings);

const decoded = z.string().transform(decodedPathParameter);
const LotPath = z.object({ gtin: Gtin14, lot: decoded.pipe(LotNumber) });
const SerialPath = z.object({ gtin: Gtin14, serial: decoded.pipe(SerialNumber) });
const OrderPath = z.object({ orderId: OrderId });
const TracePaging = z.object({
  limit: z.coerce.number().int().min(1).max(TRACE_PAGE_MAX).optional(),
  nextToken: z.string().min(1).max(512).optional(),
});

/** The three trace views share one function: all are read-only queries for the same staff. */
async function trace(event: ApiEvent) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const params = event.pathParameters ?? {};
  if (event.routeKey.startsWith('GET /v1/trace/lots/')) {
    const path = LotPath.safeParse(params);
    if (!path.success) return validationProblem(path.error);
    const paging = TracePaging.safeParse(event.queryStringParameters ?? {});
    if (!paging.success) return validationProblem(paging.error);
    const found = await traceLot(path.data.gtin, path.data.lot);
    if (!found) return problem(404, 'Not found', `Lot ${path.data.lot} of ${path.data.gtin} was never received.`);
    const page = pageOfShipments(found, paging.data);
    return page.ok ? json(200, page.trace) : problem(400, 'Invalid request', page.problem);
  }
  if (event.routeKey.startsWith('GET /v1/trace/serials/')) {
    const path = SerialPath.safeParse(params);
    if (!path.success) return validationProblem(path.error);
    const found = await traceSerial(path.data.gtin, path.data.serial);
    return found ? json(200, found) : problem(404, 'Not found', `Serial ${path.data.serial} of ${path.data.gtin} was never received.`);
  }
  const path = OrderPath.safeParse(params);
  if (!path.success) return validationProblem(path.error);
  const found = await traceOrder(path.data.orderId);
  return found ? json(200, found) : problem(404, 'Not found', `Order ${path.data.orderId} does not exist.`);
}

export const handler = apiHandler(trace, traceRoute, config);
