import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { loadConfig } from '../../shared/platform/config.js';
import { replayKeptPublicationsFunction } from '../../shared/orders/functions.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { keptPublicationsQueue } from '../../shared/orders/services/kept-publications.js';
import { replayKeptPublications, type ReplayOutcome } from '../../shared/orders/services/relay-records.js';

const config = loadConfig(replayKeptPublicationsFunction.settings);
const ports = keptPublicationsQueue(config.KEPT_PUBLICATIONS_QUEUE_URL);

/** Every few minutes: relays the kept stream records again and answers what it did. */
export const handler = middy(async (): Promise<ReplayOutcome> => {
  const outcome = await replayKeptPublications({ busName: config.EVENT_BUS_NAME, stateMachineArn: config.ORDER_STATE_MACHINE_ARN }, ports);
  if (outcome.relayed + outcome.failed + outcome.discarded > 0) logger.info('kept publications replayed', { ...outcome });
  return outcome;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
