import middy from '@middy/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { z } from 'zod';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { closeAfterExecutionEnded } from '../../shared/orders/services/stuck-orders.js';

/** The part of a Step Functions "Execution Status Change" event read here (the rule admits only the order workflow). */
const ExecutionEnded = z.object({
  detail: z.object({
    executionArn: z.string(),
    /** Executions are named by the order id. */
    name: z.string().min(1),
    status: z.enum(['TIMED_OUT', 'FAILED', 'ABORTED']),
  }),
});

/** An order execution ended without success: the order it left open is closed now; each counts in StuckOrdersClosed. */
export const handler = middy(async (event: unknown) => {
  const { detail } = ExecutionEnded.parse(event);
  const closed = await closeAfterExecutionEnded(detail.name, detail.status);
  metrics.addMetric('StuckOrdersClosed', MetricUnit.Count, closed ? 1 : 0);
  if (closed) logger.error('order left open by its ended execution closed', { closed, executionArn: detail.executionArn });
  return closed ?? null;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
