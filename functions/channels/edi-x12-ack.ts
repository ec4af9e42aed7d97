import { loadConfig } from '../../shared/platform/config.js';
import { ediX12AckRoute } from '../../shared/channels/routes.js';
import { callerOf } from '../../shared/platform/http/caller.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { wantsJson, x12 } from '../../shared/channels/http/x12.js';
import { AckControlNumberParam } from '../../shared/channels/schemas/edi.js';
import { viewPoAcknowledgment } from '../../shared/channels/services/edi/acknowledgments.js';

const config = loadConfig(ediX12AckRoute.settings);

async function getAcknowledgment(event: ApiEvent) {
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  if (!caller || caller.channel !== 'edi') return problem(403, 'Forbidden', 'Only the EDI channel client may read purchase order acknowledgments.');
  const controlNumber = AckControlNumberParam.safeParse(event.pathParameters?.controlNumber);
  if (!controlNumber.success) return problem(400, 'Invalid request', 'controlNumber: an interchange control number is up to 9 digits');
  const ack = await viewPoAcknowledgment(controlNumber.data, caller.principal);
  if (!ack)
    return problem(
      404,
      'Not found',
      `No purchase order acknowledgment ${controlNumber.data} for this client (yet): it is issued once the order is priced or rejected.`,
    );
  return wantsJson(event) ? json(200, ack) : x12(200, ack.x12);
}

export const handler = apiHandler(getAcknowledgment, ediX12AckRoute, config);
