import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { loadConfig } from '../../shared/platform/config.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { writeCheckpoint } from '../../shared/compliance/services/audit/checkpoint.js';
import { recordChanges } from '../../shared/compliance/services/audit/record-changes.js';
import { keptRecordsQueue } from '../../shared/compliance/services/audit/kept-records.js';
import { recordChangesFunction } from '../../shared/compliance/functions.js';

const config = loadConfig(recordChangesFunction.settings);
const settings = { bucket: config.AUDIT_BUCKET, signingKeyId: config.SIGNING_KEY_ID };

const ports = keptRecordsQueue(config.KEPT_RECORDS_QUEUE_URL);

/** The table stream's audit consumer: one audit event per business change; a checkpoint when an order completes. */
async function onStreamBatch(event: { Records?: unknown[] }): Promise<void> {
  const records = event.Records ?? [];
  const recorded = await recordChanges(records, ports);
  metrics.addMetric('AuditEventsAppended', MetricUnit.Count, recorded.appended);
  metrics.addMetric('AuditRecordsKept', MetricUnit.Count, recorded.kept);
  const summary = { records: records.length, appended: recorded.appended, duplicates: recorded.duplicates, skipped: recorded.skipped, kept: recorded.kept };
  if (recorded.kept > 0) logger.error('audit batch recorded; records kept for replay (ReplayKeptRecords)', summary);
  else logger.info('audit batch recorded', summary);
  if (recorded.completedOrders.length > 0) {
    const checkpoint = await writeCheckpoint(`order-completed:${recorded.completedOrders.join(',')}`, settings, recorded.heads);
    logger.info('audit checkpoint written', { checkpoint });
  }
}

export const handler = middy(onStreamBatch)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
