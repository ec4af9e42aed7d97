import type middy from '@middy/core';
import { loadConfig } from '../../shared/platform/config.js';
import { batchUploadRoute } from '../../shared/channels/routes.js';
import { partnerOf } from '../../shared/platform/channels.js';
import { callerOf } from '../../shared/platform/http/caller.js';
import { idempotentOnKeyHeader } from '../../shared/platform/http/idempotency.js';
import { apiHandler, HttpProblem, requireHeader, type ApiEvent, type ApiResult } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { MAX_UPLOAD_BYTES } from '../../shared/channels/services/batch/batch-file.js';
import { receiveBatch } from '../../shared/channels/services/batch/receive-batch.js';
import { syncStatusCode } from '../../shared/channels/domain/batch/report.js';

const config = loadConfig(batchUploadRoute.settings);

const CSV_TYPES = new Set(['text/csv', 'application/csv']);

/** Only the batch channel's own client may upload; checked before anything else, idempotency records included. */
const batchChannelOnly = (): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async (request) => {
    const caller = callerOf(request.event, config.CHANNEL_CLIENTS);
    if (caller?.channel !== 'batch' || partnerOf(config.PARTNERS, caller.partnerId)?.channel !== 'batch') {
      throw new HttpProblem(problem(403, 'Forbidden', 'Only a batch channel partner’s client may upload batch files.'));
    }
  },
});

async function uploadBatch(event: ApiEvent) {
  const contentType =
    String(event.headers?.['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase() ?? '';
  if (!CSV_TYPES.has(contentType)) {
    return problem(415, 'Unsupported media type', 'Send the file as text/csv (UTF-8, with a header row).');
  }
  const bytes = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (bytes.byteLength > MAX_UPLOAD_BYTES) {
    return problem(413, 'File too large', `The file has ${bytes.byteLength} bytes; at most ${MAX_UPLOAD_BYTES} per upload. Split it.`);
  }
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  const clientId = caller?.principal.replace(/^client:/, '') ?? '';
  const reception = await receiveBatch(
    bytes,
    { clientId, principal: caller?.principal ?? '', partnerId: caller?.partnerId ?? '' },
    {
      intake: { stateMachineArn: config.STATE_MACHINE_ARN, nearDuplicateWindowHours: config.NEAR_DUPLICATE_WINDOW_HOURS, partners: config.PARTNERS },
      uploadBucket: config.UPLOAD_BUCKET,
    },
  );
  switch (reception.kind) {
    case 'refused':
      return problem(400, 'Unreadable file', `${reception.reason} Nothing was created.`);
    case 'processed':
      return json(syncStatusCode(reception.report.progress), reception.report, { location: reception.report.links.self ?? '' });
    case 'accepted':
      return json(202, reception.accepted, { location: reception.accepted.links.self ?? '' });
  }
}

export const handler = apiHandler(uploadBatch, batchUploadRoute, config)
  .use(batchChannelOnly())
  .use(requireHeader('idempotency-key', 'it makes a retried upload safe; send the same key when you retry the same file'))
  .use(idempotentOnKeyHeader(config.TABLE_NAME, 'batch-upload', 'client'));
