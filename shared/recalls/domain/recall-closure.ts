import type { RecallStatus } from '../schemas/recall.js';

export interface ConsigneeStanding {
  customerId: string;
  letterStatus: string;
  acknowledged: boolean;
}

export type CloseDecision = { allowed: true; overridden: boolean; open: string[] } | { allowed: false; reason: string; open: string[] };

/** A consignee still open: no acknowledgement (whatever became of the letter), named with why. */
export function openConsignees(consignees: readonly ConsigneeStanding[]): string[] {
  return consignees
    .filter((consignee) => !consignee.acknowledged)
    .map((consignee) => `${consignee.customerId} (letter ${consignee.letterStatus.toLowerCase()}, not acknowledged)`);
}

/**
 * Whether a recall may close. Only a recall whose workflow finished
 * (COMPLETED: contained, every letter sent, package archived) or failed can
 * close, once. It closes on its own merits when every consignee acknowledged
 * the notice (an acknowledgement proves the notice arrived, whatever the mail
 * service reported); otherwise only with an explicit override whose
 * justification is recorded, and a FAILED recall always needs one (its
 * package may be incomplete). Consignees with nothing to acknowledge (a
 * recall of stock nobody received) leave nothing open.
 */
export function decideClose(status: RecallStatus, consignees: readonly ConsigneeStanding[], override: boolean): CloseDecision {
  if (status === 'CLOSED') return { allowed: false, reason: 'the recall is already closed', open: [] };
  if (status !== 'COMPLETED' && status !== 'FAILED') {
    return {
      allowed: false,
      reason: `the recall is still ${status.toLowerCase()}: wait until its letters are sent and its package archived (COMPLETED)`,
      open: [],
    };
  }
  const open = openConsignees(consignees);
  if (override) return { allowed: true, overridden: true, open };
  if (status === 'FAILED')
    return { allowed: false, reason: 'the recall workflow failed, so its package may be incomplete: close it only with an override and a justification', open };
  if (open.length > 0) {
    return {
      allowed: false,
      reason: `${open.length} consignee(s) have not acknowledged: ${open.join('; ')}; close with an override and a justification if they were reached otherwise`,
      open,
    };
  }
  return { allowed: true, overridden: false, open };
}
