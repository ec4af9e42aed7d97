import { apiHandler, type ApiEvent } from '../../shared/http/middleware.js';
import { RecallAckId } from '../../shared/schemas/recall.js';
import { renderAckPage } from '../../shared/services/recall/acknowledge.js';

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
};

async function showAck(event: ApiEvent) {
  const ackId = RecallAckId.safeParse(event.pathParameters?.ackId);
  const rendered = ackId.success ? await renderAckPage(ackId.data) : { status: 404, html: '<!doctype html><title>Not found</title><p>This recall link is not valid.</p>' };
  return { statusCode: rendered.status, headers: HTML_HEADERS, body: rendered.html };
}

export const handler = apiHandler(showAck);
