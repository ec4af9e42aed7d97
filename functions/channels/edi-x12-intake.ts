import { createHash } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { idempotencyStore } from '../../shared/platform/http/idempotency.js';
import { loadConfig } from '../../shared/platform/config.js';
import { ediX12IntakeRoute } from '../../shared/channels/routes.js';
import { X12SyntaxError } from '../../shared/channels/domain/x12/tokenizer.js';
import { callerOf } from '../../shared/platform/http/caller.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { problem } from '../../shared/platform/http/problems.js';
import { interchangeResponse, interchangeText, wantsJson } from '../../shared/channels/http/x12.js';
import { processInterchange, rejectInterchange } from '../../shared/channels/services/edi/intake.js';
import { hasCandidates, planInterchange, SenderNotAllowedError, UnknownPartnerError, type InterchangePlan } from '../../shared/channels/services/edi/plan.js';
import { partnerOf } from '../../shared/platform/channels.js';

const config = loadConfig(ediX12IntakeRoute.settings);
const intake = { stateMachineArn: config.STATE_MACHINE_ARN, nearDuplicateWindowHours: config.NEAR_DUPLICATE_WINDOW_HOURS, partners: config.PARTNERS };

// The interchange is the unit of retry: the same sender and ISA13 from the
// same client answers with the first 997 and creates nothing new.
const idempotencyConfig = new IdempotencyConfig({ eventKeyJmesPath: 'key', payloadValidationJmesPath: 'contentHash', expiresAfterSeconds: 7 * 24 * 3600 });
const processOnce = makeIdempotent(
  (request: { key: string; contentHash: string; plan: InterchangePlan; principal: string; partnerId: string }) =>
    processInterchange(request.plan, { channel: 'edi', principal: request.principal, partnerId: request.partnerId }, intake),
  {
    persistenceStore: idempotencyStore(config.TABLE_NAME, 'edi-x12'),
    config: idempotencyConfig,
  },
);

async function receiveInterchange(event: ApiEvent, context: Context) {
  const caller = callerOf(event, config.CHANNEL_CLIENTS);
  const partner = partnerOf(config.PARTNERS, caller?.partnerId);
  if (!caller || caller.channel !== 'edi' || partner?.channel !== 'edi')
    return problem(403, 'Forbidden', 'Only an EDI trading partner’s client may post X12 interchanges.');
  const text = interchangeText(event);
  let plan: InterchangePlan;
  try {
    plan = await planInterchange(text, partner);
  } catch (error) {
    if (error instanceof X12SyntaxError) return problem(400, 'Invalid X12 interchange', `${error.message}; nothing was written.`);
    if (error instanceof SenderNotAllowedError) return problem(403, 'Sender is not this partner', `The ${error.message}; nothing was written.`);
    if (error instanceof UnknownPartnerError) return problem(422, 'Unknown trading partner', `The ${error.message}; nothing was written.`);
    throw error;
  }
  const json = wantsJson(event);
  if (!hasCandidates(plan)) return interchangeResponse(await rejectInterchange(plan), json);
  idempotencyConfig.registerLambdaContext(context);
  try {
    const result = await processOnce({
      key: `${caller.principal}#${plan.interchangeKey}`,
      contentHash: createHash('sha256').update(text).digest('hex'),
      plan,
      principal: caller.principal,
      partnerId: partner.id,
    });
    return interchangeResponse(result, json);
  } catch (error) {
    if (error instanceof Error && error.name === 'IdempotencyValidationError') {
      return problem(
        422,
        'Interchange control number reused',
        `Interchange ${plan.interchangeKey} was already received with different content; send new content with a new ISA13. Nothing was written.`,
      );
    }
    throw error;
  }
}

export const handler = apiHandler(receiveInterchange, ediX12IntakeRoute, config);
