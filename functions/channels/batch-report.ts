import { loadConfig } from '../../shared/platform/config.js';
import { batchReportRoute } from '../../shared/channels/routes.js';
import { callerOf } from '../../shared/platform/http/caller.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { badRowsCsv } from '../../shared/channels/domain/batch/report.js';
import { batchReportFor } from '../../shared/channels/services/batch/batch-report.js';

const config = loadConfig(batchReportRoute.settings);

/** A batch's progress and per-order report, for the channel client that uploaded it (anyone else: 404). */
async function getBatchReport(event: ApiEvent) {
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  if (!caller?.channel) return problem(403, 'Forbidden', 'Batch reports are read with the uploading channel’s client token.');
  const batchId = event.pathParameters?.batchId ?? '';
  const report = await batchReportFor(batchId, caller.principal.replace(/^client:/, ''));
  if (!report) return problem(404, 'Not found', `No batch ${batchId} for this client.`);
  if (String(event.headers?.accept ?? '').includes('text/csv')) {
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store' }, body: badRowsCsv(report.orders) };
  }
  return json(200, report);
}

export const handler = apiHandler(getBatchReport, batchReportRoute, config);
