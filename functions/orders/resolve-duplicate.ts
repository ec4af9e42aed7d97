import { z } from 'zod';
import { loadConfig } from '../../shared/platform/config.js';
import { callerOf, ORDER_DESK_GROUP } from '../../shared/platform/http/caller.js';
import { apiHandler, zodBodyBy, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { CancelRequest, MergeRequest, OrderId } from '../../shared/orders/schemas/order.js';
import { resolveDuplicateRoute } from '../../shared/orders/routes.js';
import { orderLinks } from '../../shared/orders/services/links.js';
import { cancelHeldOrder, keepHeldOrder, mergeHeldOrder, type Resolution, type Resolver } from '../../shared/orders/services/resolve-duplicate.js';

const config = loadConfig(resolveDuplicateRoute.settings);

const ACTIONS = { merge: MergeRequest, keep: undefined, cancel: CancelRequest } as const;
const Action = z.enum(['merge', 'keep', 'cancel']);

const actionOf = (event: ApiEvent) => Action.safeParse(event.routeKey.split('/').at(-1));

function answer(resolution: Resolution) {
  switch (resolution.outcome) {
    case 'DONE':
      return json(200, {
        orderId: resolution.orderId,
        status: resolution.status,
        ...(resolution.mergedInto ? { mergedInto: resolution.mergedInto } : {}),
        links: { ...orderLinks(resolution.orderId), ...(resolution.mergedInto ? { mergedInto: orderLinks(resolution.mergedInto).self ?? '' } : {}) },
      });
    case 'NOT_FOUND':
      return problem(404, 'Not found', resolution.detail);
    case 'INVALID':
      return problem(422, 'Cannot resolve', resolution.detail);
    case 'CONFLICT':
      return problem(409, 'Cannot resolve', resolution.detail);
  }
}

/** Merge, keep or cancel an order held as a possible duplicate: the channel that sent it, or order-desk staff. */
async function resolveDuplicate(event: ApiEvent) {
  const orderId = OrderId.safeParse(event.pathParameters?.orderId);
  if (!orderId.success) return problem(400, 'Invalid request', 'orderId: not an order id (ORD- followed by 26 characters)');
  const action = actionOf(event);
  if (!action.success) return problem(404, 'Not found', `No such route ${event.routeKey}.`);
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  if (!caller) return problem(401, 'Unauthorized', 'A bearer token is required.');
  const staff = caller.groups.includes(ORDER_DESK_GROUP);
  if (!caller.channel && !staff) return problem(403, 'Forbidden', 'Only the channel that sent the order or order-desk staff may resolve a possible duplicate.');
  const resolver: Resolver = { principal: caller.principal, channel: caller.channel, staff };
  // The body was parsed by zodBodyBy for the route's action.
  const body: unknown = event.body;
  switch (action.data) {
    case 'merge':
      return answer(await mergeHeldOrder(orderId.data, MergeRequest.parse(body).targetOrderId, resolver));
    case 'keep':
      return answer(await keepHeldOrder(orderId.data, resolver, config.STATE_MACHINE_ARN));
    case 'cancel':
      return answer(await cancelHeldOrder(orderId.data, CancelRequest.parse(body).reason, resolver));
  }
}

export const handler = apiHandler(resolveDuplicate, resolveDuplicateRoute, config).use(
  zodBodyBy((event) => {
    const action = actionOf(event);
    return action.success ? ACTIONS[action.data] : undefined;
  }),
);
