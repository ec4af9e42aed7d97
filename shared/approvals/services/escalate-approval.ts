import { closeApproval, pendingApprovals } from '../data/approval-repository.js';
import { appendEvent } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { escalationOf } from '../domain/approval-policy.js';
import type { ApprovalPolicy } from '../schemas/approval-policy.js';

export interface EscalationInput {
  orderId: string;
  reason: string;
  role: string;
  detail: string;
  level: number;
}

export type EscalationOutcome = ({ escalated: true } & EscalationInput) | { escalated: false };

/**
 * An approval nobody answered in time: its link stops working, and the
 * request moves to the next role in the chain. At the end of the chain the
 * approval expires, and the order will be rejected "approval expired".
 */
export async function escalateApproval(input: EscalationInput, policy: ApprovalPolicy, now: Date = new Date()): Promise<EscalationOutcome> {
  const next = escalationOf(input.role, policy);
  const stale = (await pendingApprovals(input.role, input.orderId)).filter((a) => a.reason === input.reason && a.level === input.level);
  for (const approval of stale) await closeApproval(approval.approvalId, next ? 'ESCALATED' : 'EXPIRED');
  await appendEvent(
    input.orderId,
    'AWAITING_APPROVAL',
    {
      ...(next ? ORDER_EVENTS.APPROVAL_ESCALATED : ORDER_EVENTS.APPROVAL_EXPIRED).of(input.reason, input.level),
      actor: 'workflow',
      detail: { reason: input.reason, from: input.role, to: next, level: input.level },
    },
    now.toISOString(),
  );
  return next ? { escalated: true, ...input, role: next, level: input.level + 1 } : { escalated: false };
}
