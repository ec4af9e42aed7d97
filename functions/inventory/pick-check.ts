import { loadConfig } from '../../shared/platform/config.js';
import { pickCheckRoute } from '../../shared/inventory/routes.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { PickCheckRequest } from '../../shared/inventory/schemas/shipment.js';
import { pickCheck } from '../../shared/inventory/services/pick-check.js';
import { OrderId } from '../../shared/orders/schemas/order.js';

const config = loadConfig(pickCheckRoute.settings);

async function check(event: ParsedApiEvent<PickCheckRequest>) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const orderId = OrderId.safeParse(event.pathParameters?.orderId);
  if (!orderId.success) return problem(400, 'Invalid request', 'orderId: not an order id (ORD- followed by 26 characters)');
  const result = await pickCheck(orderId.data, event.body.scans);
  if (!result) return problem(404, 'Not found', `Order ${orderId.data} has no allocated stock to pick.`);
  return json(200, result);
}

export const handler = apiHandler(check, pickCheckRoute, config).use(zodBody(PickCheckRequest));
