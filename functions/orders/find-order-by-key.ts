import { loadConfig } from '../../shared/platform/config.js';
import { callerOf, submittingChannel } from '../../shared/platform/http/caller.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { findOrderByKeyRoute } from '../../shared/orders/routes.js';
import { readOrder } from '../../shared/orders/services/order-view.js';
import { findOrderByRequestKey } from '../../shared/orders/services/place-order.js';

const config = loadConfig(findOrderByKeyRoute.settings);

async function findOrderByKey(event: ApiEvent) {
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  if (!caller) return problem(401, 'Unauthorized', 'A bearer token is required.');
  const channel = submittingChannel(caller);
  if (!channel) return problem(403, 'Forbidden', 'Only a caller that places orders (the portal channel or order-desk staff) has orders under a key.');
  const requestKey = event.queryStringParameters?.idempotencyKey;
  if (!requestKey || requestKey.length > 128) return problem(400, 'Invalid request', 'idempotencyKey: required, at most 128 characters');
  const orderId = await findOrderByRequestKey({ channel, principal: caller.principal, requestKey });
  const staff = caller.groups.some((group) => config.STAFF_GROUPS.includes(group));
  const read = orderId ? await readOrder(orderId, { principal: caller.principal, channel: caller.channel, staff }) : undefined;
  if (!read) return problem(404, 'Not found', 'No order was written under this Idempotency-Key by this caller: nothing was written, send the request again.');
  return json(200, read.order);
}

export const handler = apiHandler(findOrderByKey, findOrderByKeyRoute, config);
