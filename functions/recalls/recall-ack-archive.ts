import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { z } from 'zod';
import { loadConfig } from '../../shared/platform/config.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { recallAckArchiveFunction } from '../../shared/recalls/functions.js';
import { archiveAfterAcknowledgement } from '../../shared/recalls/services/archive.js';

const config = loadConfig(recallAckArchiveFunction.settings);

const RecallAcknowledged = z.object({ detail: z.object({ recallId: z.string().min(1), customerId: z.string().min(1) }) });

/** RecallAcknowledged from the bus: the completed recall's package, signed again with the acknowledgement in it. */
export const handler = middy(async (event: unknown) => {
  const { recallId, customerId } = RecallAcknowledged.parse(event).detail;
  const outcome = await archiveAfterAcknowledgement(recallId, {
    bucket: config.AUDIT_BUCKET,
    signingKeyId: config.SIGNING_KEY_ID,
    defaultRetentionYears: config.DEFAULT_RETENTION_YEARS,
  });
  const said = {
    ARCHIVED: 'recall package archived again after an acknowledgement',
    NOT_COMPLETED: 'recall not yet completed: its first archive includes the acknowledgement',
    CLOSED: 'recall closed: its close archived the final package with the acknowledgement',
  }[outcome];
  logger.info(said, { recallId, customerId });
  return outcome;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
