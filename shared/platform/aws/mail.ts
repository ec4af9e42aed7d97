import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesClient } from './ses.js';

export interface Email {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html?: string;
  /** The SES configuration set whose event destination reports deliveries, bounces and complaints. */
  configurationSet?: string;
}

/**
 * SES refused this message for good (MessageRejected: the content was
 * refused, or the account may not send to or from these addresses): sending
 * it again changes nothing, so it is an outcome for the caller to record or
 * act on, not a fault to retry. Anything else (throttling, a network error)
 * is thrown so the caller's step is retried.
 */
const REFUSED_FOR_GOOD = ['MessageRejected'] as const;

export type MailOutcome = { result: 'SENT'; messageId?: string } | { result: 'REJECTED'; reason: string };

export async function sendEmail(email: Email): Promise<MailOutcome> {
  try {
    const sent = await sesClient.send(
      new SendEmailCommand({
        FromEmailAddress: email.from,
        ...(email.configurationSet ? { ConfigurationSetName: email.configurationSet } : {}),
        Destination: { ToAddresses: [...email.to] },
        Content: {
          Simple: {
            Subject: { Data: email.subject },
            Body: { Text: { Data: email.text }, ...(email.html ? { Html: { Data: email.html } } : {}) },
          },
        },
      }),
    );
    return { result: 'SENT', ...(sent.MessageId ? { messageId: sent.MessageId } : {}) };
  } catch (error) {
    if (error instanceof Error && (REFUSED_FOR_GOOD as readonly string[]).includes(error.name)) return { result: 'REJECTED', reason: error.message };
    throw error;
  }
}
