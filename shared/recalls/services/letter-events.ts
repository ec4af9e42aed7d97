import { findConsignee, findLetter, recordLetterEvent } from '../data/recall-repository.js';
import { decideLetterStatus, letterEventOf } from '../domain/letter-status.js';
import type { SesEventMessage } from '../schemas/ses-events.js';

export type LetterEventOutcome = { result: 'RECORDED'; recallId: string; customerId: string; status: string } | { result: 'IGNORED'; why: string };

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
