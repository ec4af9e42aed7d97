import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import type { z } from 'zod';
import { logger, logRuntimeOnColdStart, metrics, tracer } from '../observability.js';

/**
 * The house chain for workflow steps: the state machine's input is parsed
 * like any other boundary, and the order id is on every log line.
 */
export function stepHandler<S extends z.ZodType, R>(schema: S, step: (input: z.infer<S>) => Promise<R>) {
  return middy(async (input: z.infer<S>) => {
    const orderId = (input as { orderId?: unknown }).orderId;
    if (typeof orderId === 'string') logger.appendKeys({ orderId });
    return step(input);
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logRuntimeOnColdStart())
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics))
    .use(parser({ schema }));
}
