import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { logger, metrics, tracer } from '../../shared/platform/observability.js';
import { parseSesMessage, SnsEvent } from '../../shared/recalls/schemas/ses-events.js';
import { recordLetterReport } from '../../shared/recalls/services/letter-events.js';

/**
 * SES delivery, bounce and complaint reports of recall letters (configuration
 * set -> SNS topic -> here). A message that is not an SES event is logged and
 * dropped (retrying cannot fix it); a technical failure throws, and SNS's
 * asynchronous invocation retries the whole message, which is idempotent.
 */
export const handler = middy(async (event: SnsEvent): Promise<void> => {
  for (const record of event.Records) {
    let raw: unknown;
    try {
      raw = JSON.parse(record.Sns.Message);
    } catch {
      raw = undefined;
    }
    const message = parseSesMessage(raw);
    if (!message) {
      logger.warn('not an SES event; dropped', { snsMessageId: record.Sns.MessageId });
      continue;
    }
    const outcome = await recordLetterReport(message);
    logger.info('recall letter report', { snsMessageId: record.Sns.MessageId, sesMessageId: message.mail.messageId, eventType: message.eventType, ...outcome });
  }
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics))
  .use(parser({ schema: SnsEvent }));
