import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadConfig } from '../../shared/platform/config.js';
import { publisherFunction } from '../../shared/orders/functions.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { keptPublicationsQueue } from '../../shared/orders/services/kept-publications.js';
import { relayStreamRecords } from '../../shared/orders/services/relay-records.js';

const config = loadConfig(publisherFunction.settings);
const ports = keptPublicationsQueue(config.KEPT_PUBLICATIONS_QUEUE_URL);
const settings = { busName: config.EVENT_BUS_NAME, stateMachineArn: config.ORDER_STATE_MACHINE_ARN };

/**
 * The table stream's outbox relay: the 855s and ship notices written as
 * outbox items go to the bus, and every order written as RECEIVED gets its
 * workflow even if intake stopped before starting it. What cannot be relayed
 * is kept whole for the scheduled replay.
 */
export const handler = middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const outcome = await relayStreamRecords(event.Records, settings, ports);
  if (outcome.kept > 0) logger.warn('records not relayed: kept for the replay', { kept: outcome.kept });
  if (outcome.unkept.length > 0) logger.error('records neither relayed nor kept: the stream retries them', { unkept: outcome.unkept.length });
  return { batchItemFailures: outcome.unkept.map((itemIdentifier) => ({ itemIdentifier })) };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
