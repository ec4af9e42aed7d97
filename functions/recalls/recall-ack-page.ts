import { loadConfig } from '../../shared/platform/config.js';
import { recallAckPageRoute } from '../../shared/recalls/routes.js';
import { invalidLinkPage, linkPage } from '../../shared/platform/http/link-pages.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { RecallAckId } from '../../shared/recalls/schemas/recall.js';
import { renderAckPage } from '../../shared/recalls/services/acknowledge.js';

const config = loadConfig(recallAckPageRoute.settings);

async function showAck(event: ApiEvent) {
  const ackId = RecallAckId.safeParse(event.pathParameters?.ackId);
  return ackId.success ? linkPage(await renderAckPage(ackId.data, config.RECALL_ACK_LINK_DAYS)) : invalidLinkPage('recall');
}

export const handler = apiHandler(showAck, recallAckPageRoute, config);
