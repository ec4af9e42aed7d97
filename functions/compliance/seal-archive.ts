import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { loadConfig } from '../../shared/platform/config.js';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { sealClosedDays } from '../../shared/compliance/services/audit/archive/seal.js';
import { sealFunction } from '../../shared/compliance/functions.js';

const config = loadConfig(sealFunction.settings);
// A segment is never kept shorter than the bucket's default retention.
const settings = {
  bucket: config.AUDIT_BUCKET,
  signingKeyId: config.SIGNING_KEY_ID,
  retentionYears: Math.max(config.AUDIT_RETENTION_YEARS, config.AUDIT_ARCHIVE_RETENTION_YEARS),
};

/** Hourly: seals the audit events of closed UTC days into signed segments in the write-once bucket. */
export const handler = middy(async () => {
  const started = Date.now();
  const run = await sealClosedDays(settings);
  const events = run.days.reduce((sum, day) => sum + day.events, 0);
  const gaps = run.days.flatMap((day) => day.gaps);
  metrics.addMetric('AuditEventsSealed', MetricUnit.Count, events);
  metrics.addMetric('AuditSealDaysBehind', MetricUnit.Count, run.daysBehind);
  metrics.addMetric('AuditSealGaps', MetricUnit.Count, gaps.length);
  if (gaps.length > 0) logger.error('audit chains with events missing before sealing', { gaps });
  logger.info('audit archive sealed', { days: run.days.map(({ gaps: _gaps, ...day }) => day), daysBehind: run.daysBehind, events, ms: Date.now() - started });
  return { days: run.days.length, events, daysBehind: run.daysBehind };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
