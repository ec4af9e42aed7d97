import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../aws/sfn.js';
import { decideApproval, findApproval } from '../data/approval-repository.js';
import { getOrder, recordTransition } from '../data/order-repository.js';
import type { ApprovalDecisionForm, ApprovalDecisionResult } from '../schemas/approval.js';
import { verifyApprover, type ApproverDirectory } from './approver-identity.js';

export interface ApprovalSettings extends ApproverDirectory {
  approverGroup: string;
}

export type DecisionOutcome =
  | { result: 'DECIDED'; decision: ApprovalDecisionResult }
  | { result: 'NOT_FOUND' | 'ALREADY_DECIDED' | 'EXPIRED' | 'BAD_CREDENTIALS' | 'NOT_AN_APPROVER' | 'SELF_APPROVAL' };

const MEANINGS = {
  approve: 'Approved: I have reviewed this order and approve its release for fulfilment',
  reject: 'Rejected: I have reviewed this order and reject it',
} as const;

/**
 * Signs and applies an approver's decision. Order of effects: the approval is
 * consumed (single use), the signed decision is recorded on the order, and
 * only then is the waiting workflow resumed, so the workflow never runs ahead
 * of the record of why it may.
 */
export async function decide(
  approvalId: string,
  form: ApprovalDecisionForm,
  settings: ApprovalSettings,
  now: Date = new Date(),
): Promise<DecisionOutcome> {
  const approval = await findApproval(approvalId);
  if (!approval) return { result: 'NOT_FOUND' };
  if (approval.status !== 'PENDING') return { result: 'ALREADY_DECIDED' };
  if (new Date(approval.expiresAt) <= now) return { result: 'EXPIRED' };

  const approver = await verifyApprover(settings, form.username, form.password);
  if (!approver) return { result: 'BAD_CREDENTIALS' };
  if (!approver.groups.includes(settings.approverGroup)) return { result: 'NOT_AN_APPROVER' };
  const order = await getOrder(approval.orderId);
  if (order.submittedBy === approver.username) return { result: 'SELF_APPROVAL' };

  const decision = form.decision === 'approve' ? ('APPROVED' as const) : ('REJECTED' as const);
  const signedAt = now.toISOString();
  const meaning = MEANINGS[form.decision];
  const consumed = await decideApproval(approvalId, {
    status: decision,
    decidedBy: approver.username,
    decidedAt: signedAt,
    decisionReason: form.reason,
    signatureMeaning: meaning,
  });
  if (!consumed) return { result: 'ALREADY_DECIDED' };

  const signature = { approvalId, decision, decidedBy: approver.username, decidedAt: signedAt, reason: form.reason, meaning };
  await recordTransition(
    order,
    decision === 'APPROVED' ? 'APPROVED' : order.status,
    { approval: signature },
    {
      eventId: `04-APPROVAL_${decision}`,
      type: `APPROVAL_${decision}`,
      actor: `user:${approver.username}`,
      detail: { ...signature, signedByName: approver.displayName },
    },
    signedAt,
  );
  try {
    await sfnClient.send(
      new SendTaskSuccessCommand({ taskToken: approval.taskToken, output: JSON.stringify({ decision, approvalId }) }),
    );
  } catch (error) {
    if (error instanceof Error && ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'].includes(error.name)) {
      return { result: 'EXPIRED' };
    }
    throw error;
  }
  return {
    result: 'DECIDED',
    decision: { approvalId, orderId: order.orderId, decision, signedBy: approver.displayName, signedAt, meaning },
  };
}
