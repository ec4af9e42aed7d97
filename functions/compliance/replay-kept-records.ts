import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { loadConfig } from '../../shared/platform/config.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { replayKeptRecordsFunction } from '../../shared/compliance/functions.js';
import { keptRecordsQueue } from '../../shared/compliance/services/audit/kept-records.js';
import { replayKeptRecords, type ReplayOutcome } from '../../shared/compliance/services/audit/record-changes.js';

const config = loadConfig(replayKeptRecordsFunction.settings);
const ports = keptRecordsQueue(config.KEPT_RECORDS_QUEUE_URL);

/** On demand: appends the kept stream records to the audit trail (idempotent) and answers what it did. */
export const handler = middy(async (): Promise<ReplayOutcome> => {
  const outcome = await replayKeptRecords(ports);
  logger.info('kept audit records replayed', { ...outcome });
  return outcome;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
