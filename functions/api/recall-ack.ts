import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/config.js';
import { apiHandler, zodBody, type ApiResult, type ParsedApiEvent } from '../../shared/http/middleware.js';
import { json, problem } from '../../shared/http/problems.js';
import { RecallAckForm, RecallAckId } from '../../shared/schemas/recall.js';
import { renderDecisionPage } from '../../shared/services/approval-page.js';
import { acknowledgeRecall } from '../../shared/services/recall/acknowledge.js';

const config = loadConfig(
  tableConfig.extend({
    AUDIT_BUCKET: z.string().min(3),
    SIGNING_KEY_ID: z.string().min(1),
    DEFAULT_RETENTION_YEARS: z.coerce.number().int().min(1),
  }),
);

const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' };

/** A browser posting the form gets a page back; API clients get JSON. */
function answer(event: ParsedApiEvent<RecallAckForm>, status: number, title: string, detail: string, body: unknown): ApiResult {
  if (String(event.headers?.accept ?? '').includes('text/html')) {
    const rendered = renderDecisionPage(status, title, detail);
    return { statusCode: rendered.status, headers: HTML_HEADERS, body: rendered.html };
  }
  return status < 400 ? json(status, body) : problem(status, title, detail);
}

async function confirm(event: ParsedApiEvent<RecallAckForm>) {
  const ackId = RecallAckId.safeParse(event.pathParameters?.ackId);
  if (!ackId.success) return answer(event, 404, 'Not found', 'This recall link is not valid.', undefined);
  const outcome = await acknowledgeRecall(ackId.data, event.body, {
    bucket: config.AUDIT_BUCKET,
    signingKeyId: config.SIGNING_KEY_ID,
    defaultRetentionYears: config.DEFAULT_RETENTION_YEARS,
  });
  switch (outcome.result) {
    case 'NOT_FOUND':
      return answer(event, 404, 'Not found', 'This recall link is not valid.', undefined);
    case 'ALREADY_ACKNOWLEDGED':
      return answer(event, 409, 'Already acknowledged', `This notice was already acknowledged at ${outcome.acknowledgedAt}; the first acknowledgement stands.`, undefined);
    case 'ACKNOWLEDGED':
      return answer(event, 200, `Recall ${outcome.recallId}: acknowledged`, `Thank you. Recorded at ${outcome.acknowledgedAt} with ${outcome.quantityOnHand} unit(s) on hand.`, outcome);
  }
}

export const handler = apiHandler(confirm).use(zodBody(RecallAckForm));
