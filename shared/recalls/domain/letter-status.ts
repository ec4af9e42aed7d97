import type { LetterStatus } from '../schemas/recall.js';
import type { SesEventMessage } from '../schemas/ses-events.js';

/** What the mail service reported about a sent letter (SES event publishing). */
export type LetterEvent =
  | { kind: 'DELIVERY'; at: string }
  | { kind: 'BOUNCE'; at: string; bounceType: string; detail?: string }
  | { kind: 'COMPLAINT'; at: string; detail?: string };

export interface LetterState {
  status: LetterStatus;
  /** When the outcome recorded now was reported (absent while SENT). */
  eventAt?: string;
}

/** The letter status each kind of mail-service report leads to. */
const STATUS_OF = { DELIVERY: 'DELIVERED', BOUNCE: 'BOUNCED', COMPLAINT: 'COMPLAINED' } as const satisfies Record<LetterEvent['kind'], LetterStatus>;

export type ReportedStatus = (typeof STATUS_OF)[LetterEvent['kind']];
export type LetterDecision = { apply: true; status: ReportedStatus; detail?: string } | { apply: false; why: string };

/**
 * SENT -> DELIVERED / BOUNCED / COMPLAINED from the mail service's events,
 * which may come twice and in any order. The latest report (by the time the
 * mail service gives it) wins: a soft bounce later delivered is DELIVERED, a
 * delivery later bounced by the recipient's server is BOUNCED. A complaint is
 * final (the recipient called the letter spam: someone must call them), a
 * report not newer than the recorded one changes nothing (a duplicate or a
 * straggler), and a letter never accepted (FAILED) has nothing to report on.
 */
export function decideLetterStatus(current: LetterState, event: LetterEvent): LetterDecision {
  if (current.status === 'FAILED') return { apply: false, why: 'the letter was never accepted by the mail service' };
  if (current.status === 'COMPLAINED') return { apply: false, why: 'a complaint was already recorded; it stands' };
  if (event.kind !== 'COMPLAINT' && current.eventAt !== undefined && Date.parse(event.at) <= Date.parse(current.eventAt)) {
    return { apply: false, why: `a report of ${current.eventAt} is already recorded; this one of ${event.at} is not newer` };
  }
  const detail =
    event.kind === 'BOUNCE' ? [`${event.bounceType} bounce`, event.detail].filter(Boolean).join(': ') : event.kind === 'COMPLAINT' ? event.detail : undefined;
  return { apply: true, status: STATUS_OF[event.kind], ...(detail ? { detail } : {}) };
}

/** A letter that did not reach its reader: the consignee must be contacted another way. */
export const needsAnotherRoute = (status: LetterStatus): boolean => status === 'FAILED' || status === 'BOUNCED' || status === 'COMPLAINED';

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
