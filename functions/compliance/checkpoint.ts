import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { loadConfig } from '../../shared/platform/config.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { SCHEDULED, writeCheckpoint } from '../../shared/compliance/services/audit/checkpoint.js';
import { checkpointFunction } from '../../shared/compliance/functions.js';

const config = loadConfig(checkpointFunction.settings);

/** The hourly checkpoint: signs the heads of every chain changed since the previous one (nothing when none changed). */
export const handler = middy(async () => {
  const checkpoint = await writeCheckpoint(SCHEDULED, { bucket: config.AUDIT_BUCKET, signingKeyId: config.SIGNING_KEY_ID });
  logger.info(checkpoint ? 'audit checkpoint written' : 'no audit chain changed since the last checkpoint', { checkpoint });
  return checkpoint ?? null;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
