import { findConsignee, findLetter, recordLetterEvent } from '../../data/recall-repository.js';
import { decideLetterStatus, type LetterEvent } from '../../domain/letter-status.js';
import type { SesEventMessage } from '../../schemas/ses-events.js';

/** The report a letter's SES event makes, or undefined for event types the recall does not track (send, open, click…). */
export function letterEventOf(message: SesEventMessage): LetterEvent | undefined {
  if ('delivery' in message) return { kind: 'DELIVERY', at: message.delivery.timestamp };
  if ('bounce' in message) {
    const diagnostic = message.bounce.bouncedRecipients?.map((r) => [r.emailAddress, r.diagnosticCode].filter(Boolean).join(' ')).join('; ');
    return {
      kind: 'BOUNCE',
      at: message.bounce.timestamp,
      bounceType: [message.bounce.bounceType, message.bounce.bounceSubType].filter(Boolean).join('/'),
      ...(diagnostic ? { detail: diagnostic } : {}),
    };
  }
  if ('complaint' in message) {
    const detail = ['complaint', message.complaint.complaintFeedbackType].filter(Boolean).join(': ');
    return { kind: 'COMPLAINT', at: message.complaint.timestamp, detail };
  }
  return undefined;
}

export type LetterEventOutcome =
  | { result: 'RECORDED'; recallId: string; customerId: string; status: string }
  | { result: 'IGNORED'; why: string };

/**
 * Records one SES report on the recall letter it is about. Repeated reports
 * and reports older than the one recorded change nothing; two reports racing
 * for the same letter are decided again on the state the winner left.
 */
export async function recordLetterReport(message: SesEventMessage): Promise<LetterEventOutcome> {
  const event = letterEventOf(message);
  if (!event) return { result: 'IGNORED', why: `event type ${message.eventType} is not tracked` };
  const letter = await findLetter(message.mail.messageId);
  if (!letter) return { result: 'IGNORED', why: `message ${message.mail.messageId} is not a recall letter` };
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const consignee = await findConsignee(letter.recallId, letter.customerId);
    if (!consignee || consignee.letterMessageId !== message.mail.messageId) return { result: 'IGNORED', why: 'the consignee no longer has this letter' };
    const decision = decideLetterStatus({ status: consignee.letterStatus, ...(consignee.letterEventAt ? { eventAt: consignee.letterEventAt } : {}) }, event);
    if (!decision.apply) return { result: 'IGNORED', why: decision.why };
    const recorded = await recordLetterEvent(
      letter.recallId,
      letter.customerId,
      { messageId: message.mail.messageId, status: consignee.letterStatus, ...(consignee.letterEventAt ? { eventAt: consignee.letterEventAt } : {}) },
      {
        status: decision.status,
        eventAt: event.at,
        ...(decision.detail ? { detail: decision.detail } : {}),
        changeReason: `mail service reported the recall letter ${decision.status.toLowerCase()} at ${event.at}`,
      },
    );
    if (recorded) return { result: 'RECORDED', recallId: letter.recallId, customerId: letter.customerId, status: decision.status };
  }
  throw new Error(`letter ${message.mail.messageId} kept changing while its report was recorded`);
}
