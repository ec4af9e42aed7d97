import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../../platform/aws/sfn.js';
import { closeApproval, countFailedAttempt, findApproval, pendingApprovals, putSignature } from '../data/approval-repository.js';
import { appendEvent, getOrder } from '../../orders/data/order-repository.js';
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

/** Ends the other open approvals of a rejected order, so its workflow does not wait for them. */
async function supersedeSiblings(orderId: string, policy: ApprovalPolicy): Promise<void> {
  for (const role of approverRoles(policy)) {
    for (const sibling of await pendingApprovals(role, orderId)) {
      if (await closeApproval(sibling.approvalId, 'SUPERSEDED')) {
        await resume(sibling.taskToken, { decision: 'SUPERSEDED', approvalId: sibling.approvalId, reason: sibling.reason });
      }
    }
  }
}

/** Resumes the waiting workflow; a token already used or timed out means the workflow has moved on. */
async function resume(taskToken: string, output: Record<string, string>): Promise<boolean> {
  try {
    await sfnClient.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (error instanceof Error && ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'].includes(error.name)) return false;
    throw error;
  }
}

/**
 * Signs an approval as 21 CFR Part 11 asks: both signature components are
 * checked against the directory at the moment of signing (11.200), the
 * signer must hold the role and must not be the order's submitter, and the
 * signature binds the signer's name, the time, the meaning (11.50) and the
 * hash of the exact order content reviewed (11.70). It is stored once, and
 * only then is the waiting workflow resumed.
 */
export async function decide(approvalId: string, form: ApprovalDecisionForm, settings: SigningSettings, now: Date = new Date()): Promise<DecisionOutcome> {
  const approval = await findApproval(approvalId);
  if (!approval) return { result: 'NOT_FOUND' };
  if (approval.status === 'DECIDED') return { result: 'ALREADY_DECIDED', decidedBy: approval.decidedBy ?? '', decidedAt: approval.decidedAt ?? '' };
  if (approval.status === 'SUPERSEDED') return { result: 'SUPERSEDED' };
  if (approval.status === 'WITHDRAWN') return { result: 'WITHDRAWN', reason: approval.withdrawnReason ?? 'the order was stopped' };
  if (approval.status === 'LOCKED') return { result: 'LOCKED' };
  if (approval.status !== 'PENDING' || new Date(approval.expiresAt) <= now) return { result: 'EXPIRED' };
  const reason = ApprovalReason.parse(approval.reason);
  if (!allowedMeanings(reason).includes(form.meaning)) return { result: 'MEANING_NOT_ALLOWED' };

  const approver = await verifyApprover(settings, form.username, form.password);
  if (!approver) {
    const attempts = await countFailedAttempt(approvalId);
    if (attempts >= MAX_FAILED_ATTEMPTS) {
      if (await closeApproval(approvalId, 'LOCKED')) await raiseLockoutAlert(approval, form.username, attempts, settings, now);
      return { result: 'LOCKED' };
    }
    return { result: 'BAD_CREDENTIALS', attemptsLeft: MAX_FAILED_ATTEMPTS - attempts };
  }
  if (!approver.groups.includes(approval.role)) return { result: 'NOT_AN_APPROVER' };
  const order = await getOrder(approval.orderId);
  if (order.submittedBy === `user:${approver.username}`) return { result: 'SELF_APPROVAL' };
  const contentHash = orderContentHash(order);
  if (contentHash !== form.orderContentHash) return { result: 'ORDER_CHANGED' };

  const signedAt = now.toISOString();
  if (!(await closeApproval(approvalId, 'DECIDED', { decidedBy: approver.username, decidedAt: signedAt, meaning: form.meaning }))) {
    const current = await findApproval(approvalId);
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
  await putSignature(signature);
  await appendEvent(
    order.orderId,
    order.status,
    { eventId: `04-SIGNED#${approvalId}`, type: 'APPROVAL_SIGNED', actor: `user:${approver.username}`, detail: signature },
    signedAt,
  );
  const granted = grants(form.meaning);
  await resume(approval.taskToken, { decision: granted ? 'APPROVED' : 'REJECTED', approvalId, reason });
  if (!granted) await supersedeSiblings(order.orderId, settings.policy);
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
