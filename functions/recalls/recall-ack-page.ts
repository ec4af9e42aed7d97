import { invalidLinkPage, linkPage } from '../../shared/platform/http/link-pages.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { RecallAckId } from '../../shared/recalls/schemas/recall.js';
import { renderAckPage } from '../../shared/recalls/services/acknowledge.js';

async function showAck(event: ApiEvent) {
  const ackId = RecallAckId.safeParse(event.pathParameters?.ackId);
  return ackId.success ? linkPage(await renderAckPage(ackId.data)) : invalidLinkPage('recall');
}

export const handler = apiHandler(showAck);
