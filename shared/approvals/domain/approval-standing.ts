import { grants, type RequiredApproval } from './approval-policy.js';
import type { SignatureMeaning } from '../schemas/approval-policy.js';

export interface SignatureFacts {
  reason: string;
  meaning: SignatureMeaning;
  orderContentHash: string;
  signerName: string;
  comment?: string | undefined;
}

export type ApprovalStanding =
  | { outcome: 'REJECTED'; by: SignatureFacts }
  | { outcome: 'EXPIRED'; reasons: string[] }
  /** Approvals to ask (again): new ones the current content needs, and ones signed over content that has changed since (a merge). */
  | { outcome: 'REQUEST'; approvals: RequiredApproval[]; stale: string[] }
  | { outcome: 'GRANTED' };

/**
 * Where an order stands once its approvals have answered. An approval counts
 * only if its signature is over the order's current content; the policy is
 * re-applied to that content, so a change while the order waited (a merge
 * that raised the total, a credit hold that arose) asks for what it now needs
 * instead of passing on signatures given for other content.
 *
 * - any rejection, whatever content it saw, rejects the order;
 * - a recorded approval nobody signed at all, or nobody signed again after it
 *   was asked again for this content, expired at the end of its chain;
 * - recorded or newly needed approvals without a granting signature over the
 *   current content are requested (again);
 * - otherwise every approval is granted.
 */
export function approvalStanding(input: {
  recorded: readonly RequiredApproval[];
  needed: readonly RequiredApproval[];
  signatures: readonly SignatureFacts[];
  contentHash: string;
  /** Reasons already asked again for exactly this content: asking once more would loop. */
  reRequested: readonly string[];
}): ApprovalStanding {
  const rejection = input.signatures.find((signature) => signature.meaning === 'REJECTED');
  if (rejection) return { outcome: 'REJECTED', by: rejection };
  const granted = (reason: string) => input.signatures.some((s) => s.reason === reason && s.orderContentHash === input.contentHash && grants(s.meaning));
  const signedEarlier = (reason: string) => input.signatures.some((s) => s.reason === reason);
  const askedAgain = new Set(input.reRequested);

  const expired = input.recorded.filter((approval) => !granted(approval.reason) && (!signedEarlier(approval.reason) || askedAgain.has(approval.reason)));
  if (expired.length > 0) return { outcome: 'EXPIRED', reasons: expired.map((approval) => approval.reason) };

  const recordedReasons = new Set(input.recorded.map((approval) => approval.reason));
  // The current wording of a recorded reason replaces the old one (the detail names the new total).
  const byReason = new Map<string, RequiredApproval>(input.recorded.map((approval) => [approval.reason, approval]));
  for (const approval of input.needed) byReason.set(approval.reason, approval);
  const open = [...byReason.values()].filter((approval) => !granted(approval.reason));
  if (open.length === 0) return { outcome: 'GRANTED' };
  return {
    outcome: 'REQUEST',
    approvals: open,
    stale: open.filter((approval) => recordedReasons.has(approval.reason)).map((approval) => approval.reason),
  };
}
