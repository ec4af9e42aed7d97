import { loadConfig } from '../../shared/platform/config.js';
import { partnerOf } from '../../shared/platform/channels.js';
import { callerOf, submittingChannel } from '../../shared/platform/http/caller.js';
import { idempotentOnKeyHeader } from '../../shared/platform/http/idempotency.js';
import { apiHandler, requireHeader, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { PlaceOrderRequest } from '../../shared/orders/schemas/order.js';
import { orderLinks } from '../../shared/orders/services/links.js';
import { placeOrderRoute } from '../../shared/orders/routes.js';
import { placeOrder } from '../../shared/orders/services/place-order.js';

const config = loadConfig(placeOrderRoute.settings);
const intakeSettings = { stateMachineArn: config.STATE_MACHINE_ARN, nearDuplicateWindowHours: config.NEAR_DUPLICATE_WINDOW_HOURS, partners: config.PARTNERS };

async function placePortalOrder(event: ParsedApiEvent<PlaceOrderRequest>) {
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  const channel = submittingChannel(caller);
  if (!caller || channel !== 'portal') {
    return problem(403, 'Forbidden', 'Only the portal channel client or order-desk staff may post to this route.');
  }
  // A portal tenant's token names its partner (the customers it may order for); order-desk staff are bound to none.
  if (caller.channel && partnerOf(config.PARTNERS, caller.partnerId)?.channel !== caller.channel) {
    return problem(403, 'Forbidden', `This client's partner ${caller.partnerId ?? '(none)'} is not a ${caller.channel} partner of this deployment.`);
  }
  // The key is required (requireHeader): a retry under it after a failed workflow start finds the order it wrote.
  const requestKey = event.headers['idempotency-key'];
  const result = await placeOrder(event.body, { channel, principal: caller.principal, requestKey, partnerId: caller.partnerId }, intakeSettings);
  switch (result.outcome) {
    case 'CREATED':
      return json(
        202,
        { orderId: result.orderId, status: result.status, links: result.links, ...(result.flags.length > 0 ? { intakeConflicts: result.flags } : {}) },
        { location: result.links.self ?? '' },
      );
    case 'HELD_AS_POSSIBLE_DUPLICATE':
      return json(
        202,
        {
          orderId: result.orderId,
          status: result.status,
          links: result.links,
          possibleDuplicate: result.possibleDuplicate,
          ...(result.flags.length > 0 ? { intakeConflicts: result.flags } : {}),
        },
        { location: result.links.self ?? '' },
      );
    case 'REFUSED':
      return problem(
        422,
        'Order conflicts',
        result.conflicts
          .filter((c) => c.blocking)
          .map((c) => c.message)
          .join('; '),
        { conflicts: result.conflicts },
      );
    case 'EXACT_DUPLICATE':
      return problem(
        409,
        'Duplicate order',
        `Customer PO ${event.body.customerPo} of customer ${event.body.customerId} was already ordered as ${result.existingOrderId}.`,
        {
          orderId: result.existingOrderId,
          links: orderLinks(result.existingOrderId),
        },
      );
  }
}

export const handler = apiHandler(placePortalOrder, placeOrderRoute, config)
  .use(requireHeader('idempotency-key', 'it makes retries safe; send the same key when you retry the same order'))
  .use(zodBody(PlaceOrderRequest))
  .use(idempotentOnKeyHeader(config.TABLE_NAME, 'place-order', 'client-and-user'));
