import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import { loadConfig } from '../../shared/config.js';
import { logger, metrics, tracer } from '../../shared/observability.js';
import { publishDomainEvents } from '../../shared/services/publish-events.js';

const config = loadConfig(z.object({ EVENT_BUS_NAME: z.string().min(1) }));

/** The table stream's event publisher: the 855s and ship notices written as outbox items go to the bus. */
export const handler = middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const failed = await publishDomainEvents(event.Records, config.EVENT_BUS_NAME);
  if (failed.length > 0) logger.warn('events not published; the stream retries them', { count: failed.length });
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
