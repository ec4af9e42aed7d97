import { loadConfig } from '../../shared/platform/config.js';
import { recallAckRoute } from '../../shared/recalls/routes.js';
import { formAnswer } from '../../shared/platform/http/link-pages.js';
import { apiHandler, zodBody, type ApiResult, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { RecallAckForm, RecallAckId } from '../../shared/recalls/schemas/recall.js';
import { acknowledgeRecall, refusalDetail } from '../../shared/recalls/services/acknowledge.js';

const config = loadConfig(recallAckRoute.settings);

const answer = (event: ParsedApiEvent<RecallAckForm>, status: number, title: string, detail: string, body: unknown): ApiResult =>
  formAnswer(event.headers?.accept, status, title, detail, body);

async function confirm(event: ParsedApiEvent<RecallAckForm>) {
  const ackId = RecallAckId.safeParse(event.pathParameters?.ackId);
  if (!ackId.success) return answer(event, 404, 'Not found', 'This recall link is not valid.', undefined);
  const outcome = await acknowledgeRecall(ackId.data, event.body, { ackLinkDays: config.RECALL_ACK_LINK_DAYS });
  switch (outcome.result) {
    case 'NOT_FOUND':
      return answer(event, 404, 'Not found', 'This recall link is not valid.', undefined);
    case 'GONE':
      return answer(event, 410, 'Link no longer valid', `${refusalDetail(outcome.recallId, outcome.refusal)} Nothing was recorded.`, undefined);
    case 'INVALID':
      return answer(event, 422, 'Acknowledgement not recorded', `${outcome.detail}; nothing was recorded.`, undefined);
    case 'ALREADY_ACKNOWLEDGED':
      return answer(
        event,
        409,
        'Already acknowledged',
        `This notice was already acknowledged at ${outcome.acknowledgedAt}; the first acknowledgement stands.`,
        undefined,
      );
    case 'ACKNOWLEDGED':
      return answer(
        event,
        200,
        `Recall ${outcome.recallId}: acknowledged`,
        `Thank you. Recorded at ${outcome.acknowledgedAt} with ${outcome.quantityOnHand} unit(s) on hand.`,
        outcome,
      );
  }
}

export const handler = apiHandler(confirm, recallAckRoute, config).use(zodBody(RecallAckForm));
