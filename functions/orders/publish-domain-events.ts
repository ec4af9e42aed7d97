import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadConfig } from '../../shared/platform/config.js';
import { publisherFunction } from '../../shared/orders/functions.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { publishDomainEvents } from '../../shared/orders/services/publish-events.js';
import { startWorkflowsOfReceivedOrders } from '../../shared/orders/services/start-received-orders.js';

const config = loadConfig(publisherFunction.settings);

/**
 * The table stream's outbox relay: the 855s and ship notices written as
 * outbox items go to the bus, and every order written as RECEIVED gets its
 * workflow even if intake stopped before starting it.
 */
export const handler = middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const [unpublished, unstarted] = await Promise.all([
    publishDomainEvents(event.Records, config.EVENT_BUS_NAME),
    startWorkflowsOfReceivedOrders(event.Records, config.ORDER_STATE_MACHINE_ARN),
  ]);
  const failed = [...new Set([...unpublished, ...unstarted])];
  if (failed.length > 0) logger.warn('records not relayed; the stream retries them', { unpublished: unpublished.length, unstarted: unstarted.length });
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
