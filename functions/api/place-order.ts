import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/config.js';
import { DuplicateCustomerPoError } from '../../shared/data/order-repository.js';
import { callerOf, ChannelClients, submittingChannel } from '../../shared/http/caller.js';
import { apiHandler, requireHeader, zodBody, type ParsedApiEvent } from '../../shared/http/middleware.js';
import { json, problem } from '../../shared/http/problems.js';
import { PlaceOrderRequest } from '../../shared/schemas/order.js';
import { orderLinks } from '../../shared/services/links.js';
import { placeOrder } from '../../shared/services/place-order.js';

const config = loadConfig(tableConfig.extend({ STATE_MACHINE_ARN: z.string().min(1), CHANNEL_CLIENTS: ChannelClients }));

const persistenceStore = new DynamoDBPersistenceLayer({
  tableName: config.TABLE_NAME,
  keyAttr: 'PK',
  sortKeyAttr: 'SK',
  staticPkValue: 'IDEMPOTENCY#place-order',
});
// The key is scoped to the calling client (and user), so two callers can never collide on a key.
const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: '[requestContext.authorizer.jwt.claims.client_id, requestContext.authorizer.jwt.claims.username, headers."idempotency-key"]',
  payloadValidationJmesPath: 'body',
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: 24 * 3600,
});

async function placePortalOrder(event: ParsedApiEvent<PlaceOrderRequest>) {
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  const channel = submittingChannel(caller);
  if (!caller || channel !== 'portal') {
    return problem(403, 'Forbidden', 'Only the portal channel client or order-desk staff may post to this route.');
  }
  try {
    const accepted = await placeOrder(event.body, { channel, principal: caller.principal }, config.STATE_MACHINE_ARN);
    return json(202, accepted, { location: accepted.links.self ?? '' });
  } catch (error) {
    if (error instanceof DuplicateCustomerPoError) {
      return problem(409, 'Duplicate order', `Customer PO ${event.body.customerPo} of customer ${event.body.customerId} was already ordered as ${error.existingOrderId}.`, {
        orderId: error.existingOrderId,
        links: orderLinks(error.existingOrderId),
      });
    }
    throw error;
  }
}

export const handler = apiHandler(placePortalOrder)
  .use(requireHeader('idempotency-key', 'it makes retries safe; send the same key when you retry the same order'))
  .use(zodBody(PlaceOrderRequest))
  .use(makeHandlerIdempotent({ persistenceStore, config: idempotencyConfig }));
