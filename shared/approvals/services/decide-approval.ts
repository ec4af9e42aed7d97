import { sendEmail } from '../../platform/aws/mail.js';
import { passwordSignIn } from '../../platform/aws/directory.js';
import { resumeTask } from '../../platform/aws/workflow.js';
import {
  closeApproval,
  findApproval,
  pendingApprovals,
  recordDecision,
  recordFailedAttempt,
  reserveSigningAttempt,
  returnSigningAttempt,
  type ApprovalRecord,
  type SignatureRecord,
} from '../data/approval-repository.js';
import { appendEvent, findOrder, getOrder, getTimeline, type OrderRecord } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { allowedMeanings, grants, MEANING_TEXT } from '../domain/approval-policy.js';
import { isOwnOrder, type OrderAuthorship } from '../domain/order-authors.js';
import { orderContentHash } from '../../orders/domain/order-fingerprint.js';
import { ApprovalReason, approverRoles, SignatureMeaning, type ApprovalPolicy } from '../schemas/approval-policy.js';
import type { ApprovalDecisionForm, ApprovalDecisionResult } from '../schemas/approval.js';
import { raiseLockoutAlert, type AlertSettings } from './approval-alerts.js';
import { verifyApprover, type ApproverDirectory, type SignInChallenge } from './approver-identity.js';

export interface SigningSettings extends ApproverDirectory, AlertSettings {
  policy: ApprovalPolicy;
}

/** Failed signature attempts before the approval locks (and an alert goes out); also how many may be checked at once. */
export const MAX_FAILED_ATTEMPTS = 3;

export type DecisionOutcome =
  | { result: 'DECIDED'; decision: ApprovalDecisionResult }
  | { result: 'ALREADY_DECIDED'; decidedBy: string; decidedAt: string }
  | { result: 'BAD_CREDENTIALS'; attemptsLeft: number }
  | { result: 'WITHDRAWN'; reason: string }
  | { result: 'SIGN_IN_CHALLENGE'; challenge: SignInChallenge }
  | {
      result: 'NOT_FOUND' | 'SUPERSEDED' | 'EXPIRED' | 'LOCKED' | 'NO_ATTEMPTS_LEFT' | 'SELF_APPROVAL' | 'MEANING_NOT_ALLOWED' | 'ORDER_CHANGED';
    };

/** What signing reads and writes: the approval and order records, the user directory, the waiting workflow, and the alert mail. */
export interface DecideDeps {
  findApproval: typeof findApproval;
  reserveSigningAttempt: typeof reserveSigningAttempt;
  returnSigningAttempt: typeof returnSigningAttempt;
  recordFailedAttempt: typeof recordFailedAttempt;
  closeApproval: typeof closeApproval;
  recordDecision: typeof recordDecision;
  pendingApprovals: typeof pendingApprovals;
  getOrder: typeof getOrder;
  findOrder: typeof findOrder;
  getTimeline: typeof getTimeline;
  appendEvent: typeof appendEvent;
  passwordSignIn: typeof passwordSignIn;
  resumeTask: typeof resumeTask;
  sendEmail: typeof sendEmail;
}

export const defaultDecideDeps: DecideDeps = {
  findApproval,
  reserveSigningAttempt,
  returnSigningAttempt,
  recordFailedAttempt,
  closeApproval,
  recordDecision,
  pendingApprovals,
  getOrder,
  findOrder,
  getTimeline,
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

/** What a post on an approval that is no longer open answers (PENDING: every attempt is taken by checks still running). */
function closedOutcome(approval: ApprovalRecord | undefined, now: Date): DecisionOutcome {
  if (!approval) return { result: 'NOT_FOUND' };
  switch (approval.status) {
    case 'DECIDED':
      return { result: 'ALREADY_DECIDED', decidedBy: approval.decidedBy ?? '', decidedAt: approval.decidedAt ?? '' };
    case 'SUPERSEDED':
      return { result: 'SUPERSEDED' };
    case 'WITHDRAWN':
      return { result: 'WITHDRAWN', reason: approval.withdrawnReason ?? 'the order was stopped' };
    case 'LOCKED':
      return { result: 'LOCKED' };
    case 'PENDING':
      return new Date(approval.expiresAt) <= now ? { result: 'EXPIRED' } : { result: 'NO_ATTEMPTS_LEFT' };
    default:
      return { result: 'EXPIRED' };
  }
}

const decisionOf = (
  signature: Pick<SignatureRecord, 'approvalId' | 'orderId' | 'reason' | 'meaning' | 'meaningText' | 'signerName' | 'signedAt' | 'orderContentHash'>,
) => ({
  approvalId: signature.approvalId,
  orderId: signature.orderId,
  reason: ApprovalReason.parse(signature.reason),
  meaning: SignatureMeaning.parse(signature.meaning),
  meaningText: signature.meaningText,
  signedBy: signature.signerName,
  signedAt: signature.signedAt,
  orderContentHash: signature.orderContentHash,
});

/** Resumes the waiting workflow with a stored decision, and on a rejection closes the order's other open approvals. Safe to repeat. */
async function deliverDecision(approval: ApprovalRecord, meaning: SignatureMeaning, settings: SigningSettings, deps: DecideDeps): Promise<void> {
  const granted = grants(meaning);
  await deps.resumeTask(approval.taskToken, { decision: granted ? 'APPROVED' : 'REJECTED', approvalId: approval.approvalId, reason: approval.reason });
  if (!granted) await supersedeSiblings(approval.orderId, settings.policy, deps);
}

/**
 * A post on a decided approval. Its decision is delivered again: a signer
 * whose first post stored the signature but failed to resume the workflow
 * retries, and the order must not wait for that until it escalates (a token
 * already used answers NO_LONGER_WAITING, so this is safe to repeat). No
 * password is checked (nothing new is signed, and a decided approval must not
 * become a password oracle without attempts), so nobody is answered as if
 * they had signed: everyone, the signer's own retry included, hears who
 * decided and when.
 */
async function redeliver(approval: ApprovalRecord, settings: SigningSettings, now: Date, deps: DecideDeps): Promise<DecisionOutcome> {
  await deliverDecision(approval, SignatureMeaning.parse(approval.meaning), settings, deps);
  return closedOutcome(approval, now);
}

/** Everyone who placed or changed the order may not sign it: its submitter, the submitters of orders merged in, and who changed it. */
async function authorsOf(order: OrderRecord, deps: DecideDeps): Promise<OrderAuthorship> {
  const [timeline, merged] = await Promise.all([
    deps.getTimeline(order.orderId),
    Promise.all((order.mergedFrom ?? []).map((orderId) => deps.findOrder(orderId))),
  ]);
  return {
    submittedBy: order.submittedBy,
    timeline,
    mergedOrderSubmitters: merged.flatMap((mergedOrder) => (mergedOrder ? [mergedOrder.submittedBy] : [])),
  };
}

/**
 * A failed signature keeps its attempt; the one that makes the limit locks
 * the approval and alerts security. When the approval closed meanwhile, the
 * answer says what it is now, not how many attempts are left.
 */
async function failedAttempt(
  approval: ApprovalRecord,
  attemptedUser: string,
  settings: SigningSettings,
  now: Date,
  deps: DecideDeps,
): Promise<DecisionOutcome> {
  const failures = await deps.recordFailedAttempt(approval.approvalId);
  if (failures === undefined) return closedOutcome(await deps.findApproval(approval.approvalId), now);
  if (failures >= MAX_FAILED_ATTEMPTS) {
    if (await deps.closeApproval(approval.approvalId, 'LOCKED')) await raiseLockoutAlert(approval, attemptedUser, failures, settings, now, deps);
    return { result: 'LOCKED' };
  }
  return { result: 'BAD_CREDENTIALS', attemptsLeft: MAX_FAILED_ATTEMPTS - failures };
}

/**
 * Signs an approval as 21 CFR Part 11 asks: both signature components are
 * checked against the directory at the moment of signing (11.200), the
 * signer must hold the role and must not have placed or changed the order,
 * and the signature binds the signer's name, the time, the meaning (11.50)
 * and the hash of the exact order content reviewed (11.70).
 *
 * At most MAX_FAILED_ATTEMPTS passwords are ever checked for an approval: an
 * attempt is taken in one conditional write before the directory is asked,
 * so parallel posts cannot each get a check. A wrong password, or a right
 * one of a user without the role (answered alike, so it confirms nothing),
 * keeps its attempt; any other outcome gives it back.
 *
 * The decision, the signature and the order's event are written in one
 * transaction; only then is the waiting workflow resumed. A workflow that no
 * longer waits (its task timed out meanwhile) leaves the signature standing;
 * a resume that failed is delivered again by the signer's retry.
 */
export async function decide(
  approvalId: string,
  form: ApprovalDecisionForm,
  settings: SigningSettings,
  now: Date = new Date(),
  deps: DecideDeps = defaultDecideDeps,
): Promise<DecisionOutcome> {
  const approval = await deps.findApproval(approvalId);
  if (approval?.status === 'DECIDED') return redeliver(approval, settings, now, deps);
  if (approval?.status !== 'PENDING' || new Date(approval.expiresAt) <= now) return closedOutcome(approval, now);
  const reason = ApprovalReason.parse(approval.reason);
  if (!allowedMeanings(reason).includes(form.meaning)) return { result: 'MEANING_NOT_ALLOWED' };

  // Refused before the directory is asked: answering it after a password check would tell whoever types an
  // author's user name whether the password was right, without spending an attempt.
  const order = await deps.getOrder(approval.orderId);
  const authors = await authorsOf(order, deps);
  if (isOwnOrder(form.username, authors)) return { result: 'SELF_APPROVAL' };

  if (!(await deps.reserveSigningAttempt(approvalId, MAX_FAILED_ATTEMPTS))) return closedOutcome(await deps.findApproval(approvalId), now);
  let attemptSpent = false;
  try {
    const check = await verifyApprover(settings, form.username, form.password, deps);
    // A second factor or a password to change: the password was right, but a link cannot sign for this account.
    if (check.result === 'CHALLENGED') return { result: 'SIGN_IN_CHALLENGE', challenge: check.challenge };
    if (check.result === 'NOT_VERIFIED' || !check.approver.groups.includes(approval.role)) {
      attemptSpent = true;
      return await failedAttempt(approval, form.username, settings, now, deps);
    }
    const { approver } = check;
    if (isOwnOrder(approver.username, authors)) {
      // An author who signed in by another alias (the e-mail address): the attempt stays taken, so this answer,
      // which follows a right password, can be had at most MAX_FAILED_ATTEMPTS times.
      attemptSpent = true;
      return { result: 'SELF_APPROVAL' };
    }
    const contentHash = orderContentHash(order);
    if (contentHash !== form.orderContentHash) return { result: 'ORDER_CHANGED' };

    const signedAt = now.toISOString();
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
    const recorded = await deps.recordDecision({
      decision: { decidedBy: approver.username, decidedAt: signedAt, meaning: form.meaning },
      signature,
      event: { ...ORDER_EVENTS.APPROVAL_SIGNED.of(approvalId), actor: `user:${approver.username}`, detail: signature, status: order.status },
    });
    if (!recorded) return closedOutcome(await deps.findApproval(approvalId), now);
    attemptSpent = true;
    await deliverDecision(approval, form.meaning, settings, deps);
    return { result: 'DECIDED', decision: decisionOf(signature) };
  } finally {
    if (!attemptSpent) await deps.returnSigningAttempt(approvalId);
  }
}
