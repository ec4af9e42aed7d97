import { loadConfig } from '../../shared/platform/config.js';
import { callerOf } from '../../shared/platform/http/caller.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { getOrderRoute } from '../../shared/orders/routes.js';
import { readOrder } from '../../shared/orders/services/order-view.js';
import { OrderId } from '../../shared/orders/schemas/order.js';

const config = loadConfig(getOrderRoute.settings);

async function getOrder(event: ApiEvent) {
  const orderId = OrderId.safeParse(event.pathParameters?.orderId);
  if (!orderId.success) return problem(400, 'Invalid request', 'orderId: not an order id (ORD- followed by 26 characters)');
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  if (!caller) return problem(401, 'Unauthorized', 'A bearer token is required.');
  const staff = caller.groups.some((group) => config.STAFF_GROUPS.includes(group));
  const read = await readOrder(orderId.data, { principal: caller.principal, channel: caller.channel, staff });
  if (!read) return problem(404, 'Not found', `Order ${orderId.data} does not exist or is not visible to this caller.`);
  return json(200, read.order);
}

export const handler = apiHandler(getOrder, getOrderRoute, config);
