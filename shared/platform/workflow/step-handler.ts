import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import type { z } from 'zod';
import { faultInjection, faultInjectionSettings } from '../fault-injection.js';
import { logger, logRuntimeOnColdStart, metrics, tracer } from '../observability.js';

/**
 * The house chain for workflow steps: the state machine's input is parsed
 * like any other boundary, and the order id is on every log line.
 */
export function stepHandler<S extends z.ZodType, R>(schema: S, step: (input: z.infer<S>) => Promise<R>) {
  const chain = middy(async (input: z.infer<S>) => {
    const orderId = orderIdOf(input);
    if (orderId) logger.appendKeys({ orderId });
    return step(input);
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logRuntimeOnColdStart())
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics))
    .use(parser({ schema }));
  // Only in a deployment with fault injection (never production): a planned fault for this step and order.
  const faults = faultInjectionSettings();
  return faults ? chain.use(faultInjection<z.infer<S>, R>(faults, orderIdOf)) : chain;
}

const orderIdOf = (input: unknown): string | undefined => {
  const orderId = (input as { orderId?: unknown } | undefined)?.orderId;
  return typeof orderId === 'string' ? orderId : undefined;
};
