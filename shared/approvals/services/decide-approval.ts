import { sendEmail } from '../../platform/aws/mail.js';
import { passwordSignIn } from '../../platform/aws/directory.js';
import { resumeTask } from '../../platform/aws/workflow.js';
import { closeApproval, countFailedAttempt, findApproval, pendingApprovals, putSignature } from '../data/approval-repository.js';
import { appendEvent, getOrder } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { allowedMeanings, grants, MEANING_TEXT } from '../domain/approval-policy.js';
import { orderContentHash } from '../../orders/domain/order-fingerprint.js';
import { ApprovalReason, approverRoles, type ApprovalPolicy } from '../schemas/approval-policy.js';
import type { ApprovalDecisionForm, ApprovalDecisionResult } from '../schemas/approval.js';
import { raiseLockoutAlert, type AlertSettings } from './approval-alerts.js';
import { verifyApprover, type ApproverDirectory } from './approver-identity.js';

export interface SigningSettings extends ApproverDirectory, AlertSettings {
  policy: ApprovalPolicy;
}

/** Failed signature attempts before the approval locks (and an alert goes out). */
export const MAX_FAILED_ATTEMPTS = 3;

export type DecisionOutcome =
  | { result: 'DECIDED'; decision: ApprovalDecisionResult }
  | { result: 'ALREADY_DECIDED'; decidedBy: string; decidedAt: string }
  | { result: 'BAD_CREDENTIALS'; attemptsLeft: number }
  | { result: 'WITHDRAWN'; reason: string }
  | { result: 'NOT_FOUND' | 'SUPERSEDED' | 'EXPIRED' | 'LOCKED' | 'NOT_AN_APPROVER' | 'SELF_APPROVAL' | 'MEANING_NOT_ALLOWED' | 'ORDER_CHANGED' };

/** What signing reads and writes: the approval and order records, the user directory, the waiting workflow, and the alert mail. */
export interface DecideDeps {
  findApproval: typeof findApproval;
  countFailedAttempt: typeof countFailedAttempt;
  closeApproval: typeof closeApproval;
  pendingApprovals: typeof pendingApprovals;
  putSignature: typeof putSignature;
  getOrder: typeof getOrder;
  appendEvent: typeof appendEvent;
  passwordSignIn: typeof passwordSignIn;
  resumeTask: typeof resumeTask;
  sendEmail: typeof sendEmail;
}

export const defaultDecideDeps: DecideDeps = {
  findApproval,
  countFailedAttempt,
  closeApproval,
  pendingApprovals,
  putSignature,
  getOrder,
  appendEvent,
  passwordSignIn,
  resumeTask,
  sendEmail,
};

/**
 * Ends the other open approvals of a rejected order, so its workflow does not
 * wait for them. A sibling whose task no longer waits (timed out, escalated)
 * is closed all the same: resumeTask answers that as an outcome, not an error.
 */
async function supersedeSiblings(orderId: string, policy: ApprovalPolicy, deps: DecideDeps): Promise<void> {
  for (const role of approverRoles(policy)) {
    for (const sibling of await deps.pendingApprovals(role, orderId)) {
      if (await deps.closeApproval(sibling.approvalId, 'SUPERSEDED')) {
        await deps.resumeTask(sibling.taskToken, { decision: 'SUPERSEDED', approvalId: sibling.approvalId, reason: sibling.reason });
      }
    }
  }
}

/**
 * Signs an approval as 21 CFR Part 11 asks: both signature components are
 * checked against the directory at the moment of signing (11.200), the
 * signer must hold the role and must not be the order's submitter, and the
 * signature binds the signer's name, the time, the meaning (11.50) and the
 * hash of the exact order content reviewed (11.70). It is stored once, and
 * only then is the waiting workflow resumed; a workflow that no longer waits
 * (its task timed out meanwhile) leaves the signature standing.
 */
export async function decide(
  approvalId: string,
  form: ApprovalDecisionForm,
  settings: SigningSettings,
  now: Date = new Date(),
  deps: DecideDeps = defaultDecideDeps,
): Promise<DecisionOutcome> {
  const approval = await deps.findApproval(approvalId);
  if (!approval) return { result: 'NOT_FOUND' };
  if (approval.status === 'DECIDED') return { result: 'ALREADY_DECIDED', decidedBy: approval.decidedBy ?? '', decidedAt: approval.decidedAt ?? '' };
  if (approval.status === 'SUPERSEDED') return { result: 'SUPERSEDED' };
  if (approval.status === 'WITHDRAWN') return { result: 'WITHDRAWN', reason: approval.withdrawnReason ?? 'the order was stopped' };
  if (approval.status === 'LOCKED') return { result: 'LOCKED' };
  if (approval.status !== 'PENDING' || new Date(approval.expiresAt) <= now) return { result: 'EXPIRED' };
  const reason = ApprovalReason.parse(approval.reason);
  if (!allowedMeanings(reason).includes(form.meaning)) return { result: 'MEANING_NOT_ALLOWED' };

  const approver = await verifyApprover(settings, form.username, form.password, deps);
  if (!approver) {
    const attempts = await deps.countFailedAttempt(approvalId);
    if (attempts >= MAX_FAILED_ATTEMPTS) {
      if (await deps.closeApproval(approvalId, 'LOCKED')) await raiseLockoutAlert(approval, form.username, attempts, settings, now, deps);
      return { result: 'LOCKED' };
    }
    return { result: 'BAD_CREDENTIALS', attemptsLeft: MAX_FAILED_ATTEMPTS - attempts };
  }
  if (!approver.groups.includes(approval.role)) return { result: 'NOT_AN_APPROVER' };
  const order = await deps.getOrder(approval.orderId);
  if (order.submittedBy === `user:${approver.username}`) return { result: 'SELF_APPROVAL' };
  const contentHash = orderContentHash(order);
  if (contentHash !== form.orderContentHash) return { result: 'ORDER_CHANGED' };

  const signedAt = now.toISOString();
  if (!(await deps.closeApproval(approvalId, 'DECIDED', { decidedBy: approver.username, decidedAt: signedAt, meaning: form.meaning }))) {
    const current = await deps.findApproval(approvalId);
    return { result: 'ALREADY_DECIDED', decidedBy: current?.decidedBy ?? '', decidedAt: current?.decidedAt ?? '' };
  }
  const signature = {
    orderId: order.orderId,
    approvalId,
    reason,
    signerUsername: approver.username,
    signerName: approver.displayName,
    signedAt,
    meaning: form.meaning,
    meaningText: MEANING_TEXT[form.meaning],
    comment: form.comment,
    orderVersion: order.version,
    orderContentHash: contentHash,
  };
  await deps.putSignature(signature);
  await deps.appendEvent(
    order.orderId,
    order.status,
    { ...ORDER_EVENTS.APPROVAL_SIGNED.of(approvalId), actor: `user:${approver.username}`, detail: signature },
    signedAt,
  );
  const granted = grants(form.meaning);
  await deps.resumeTask(approval.taskToken, { decision: granted ? 'APPROVED' : 'REJECTED', approvalId, reason });
  if (!granted) await supersedeSiblings(order.orderId, settings.policy, deps);
  return {
    result: 'DECIDED',
    decision: {
      approvalId,
      orderId: order.orderId,
      reason,
      meaning: form.meaning,
      meaningText: signature.meaningText,
      signedBy: approver.displayName,
      signedAt,
      orderContentHash: contentHash,
    },
  };
}
