import { sendEmail } from '../../platform/aws/mail.js';
import type { ApprovalRecord } from '../data/approval-repository.js';
import { appendEvent } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { logger, metrics } from '../../platform/observability.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';

export interface AlertSettings {
  senderEmail: string;
  /** Who hears about locked approvals: security or the approvals administrator. */
  alertEmail: string;
}

export interface AlertDeps {
  appendEvent: typeof appendEvent;
  sendEmail: typeof sendEmail;
}

const defaultAlertDeps: AlertDeps = { appendEvent, sendEmail };

/**
 * Three wrong signatures lock an approval: somebody may be guessing a
 * password. The lock is recorded on the order, logged, counted and emailed;
 * the workflow escalates the approval when it times out. An alert SES refuses
 * is an error: security must hear of the lock.
 */
export async function raiseLockoutAlert(
  approval: ApprovalRecord,
  attemptedUser: string,
  attempts: number,
  settings: AlertSettings,
  now: Date,
  deps: AlertDeps = defaultAlertDeps,
): Promise<void> {
  const detail = { approvalId: approval.approvalId, role: approval.role, attemptedUser, attempts };
  logger.error('approval locked after failed signature attempts', detail);
  metrics.addMetric('ApprovalLocked', MetricUnit.Count, 1);
  await deps.appendEvent(
    approval.orderId,
    'AWAITING_APPROVAL',
    { ...ORDER_EVENTS.APPROVAL_LOCKED.of(approval.approvalId), actor: 'system', detail },
    now.toISOString(),
  );
  const sent = await deps.sendEmail({
    from: settings.senderEmail,
    to: [settings.alertEmail],
    subject: `ALERT: approval for order ${approval.orderId} locked after ${attempts} failed signatures`,
    text: `The ${approval.role} approval for order ${approval.orderId} was locked at ${now.toISOString()} after ${attempts} failed signature attempts (last user name tried: ${attemptedUser}). It will escalate when it times out.`,
  });
  if (sent.result === 'REJECTED') throw new Error(`SES rejected the lockout alert for approval ${approval.approvalId}: ${sent.reason}`);
}
