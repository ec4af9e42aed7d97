import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { loadConfig } from '../../shared/platform/config.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { writeCheckpoint } from '../../shared/compliance/services/audit/checkpoint.js';
import { recordChanges, StreamBatch } from '../../shared/compliance/services/audit/record-changes.js';
import { recordChangesFunction } from '../../shared/compliance/functions.js';

const config = loadConfig(recordChangesFunction.settings);
const settings = { bucket: config.AUDIT_BUCKET, signingKeyId: config.SIGNING_KEY_ID };

/** The table stream's audit consumer: one audit event per business change; a checkpoint when an order completes. */
async function onStreamBatch(event: unknown): Promise<void> {
  const batch = StreamBatch.parse(event);
  const recorded = await recordChanges(batch.Records);
  metrics.addMetric('AuditEventsAppended', MetricUnit.Count, recorded.appended);
  logger.info('audit batch recorded', {
    records: batch.Records.length,
    appended: recorded.appended,
    duplicates: recorded.duplicates,
    skipped: recorded.skipped,
  });
  if (recorded.completedOrders.length > 0) {
    const checkpoint = await writeCheckpoint(`order-completed:${recorded.completedOrders.join(',')}`, settings, recorded.heads);
    logger.info('audit checkpoint written', { checkpoint });
  }
}

export const handler = middy(onStreamBatch)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
