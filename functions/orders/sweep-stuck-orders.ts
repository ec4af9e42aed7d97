import middy from '@middy/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { loadConfig } from '../../shared/platform/config.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { sweepStuckOrdersFunction } from '../../shared/orders/functions.js';
import { sweepStuckOrders } from '../../shared/orders/services/stuck-orders.js';

const config = loadConfig(sweepStuckOrdersFunction.settings);

/** The scheduled sweep: closes open orders whose workflow no longer runs; each closed order counts in StuckOrdersClosed. */
export const handler = middy(async () => {
  const report = await sweepStuckOrders(config.ORDER_STATE_MACHINE_ARN);
  metrics.addMetric('StuckOrdersClosed', MetricUnit.Count, report.closed.length);
  if (report.closed.length > 0) logger.error('stuck orders closed', { closed: report.closed });
  logger.info('stuck-order sweep done', { examined: report.examined, running: report.running, closed: report.closed.length });
  return { examined: report.examined, running: report.running, closed: report.closed.length };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
