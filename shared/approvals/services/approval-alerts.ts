import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesClient } from '../../platform/aws/ses.js';
import type { ApprovalRecord } from '../data/approval-repository.js';
import { appendEvent } from '../../orders/data/order-repository.js';
import { logger, metrics } from '../../platform/observability.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';

export interface AlertSettings {
  senderEmail: string;
  /** Who hears about locked approvals: security or the approvals administrator. */
  alertEmail: string;
}

/**
 * Three wrong signatures lock an approval: somebody may be guessing a
 * password. The lock is recorded on the order, logged, counted and emailed;
 * the workflow escalates the approval when it times out.
 */
export async function raiseLockoutAlert(approval: ApprovalRecord, attemptedUser: string, attempts: number, settings: AlertSettings, now: Date): Promise<void> {
  const detail = { approvalId: approval.approvalId, role: approval.role, attemptedUser, attempts };
  logger.error('approval locked after failed signature attempts', detail);
  metrics.addMetric('ApprovalLocked', MetricUnit.Count, 1);
  await appendEvent(
    approval.orderId,
    'AWAITING_APPROVAL',
    { eventId: `04-LOCKED#${approval.approvalId}`, type: 'APPROVAL_LOCKED', actor: 'system', detail },
    now.toISOString(),
  );
  await sesClient.send(
    new SendEmailCommand({
      FromEmailAddress: settings.senderEmail,
      Destination: { ToAddresses: [settings.alertEmail] },
      Content: {
        Simple: {
          Subject: { Data: `ALERT: approval for order ${approval.orderId} locked after ${attempts} failed signatures` },
          Body: {
            Text: {
              Data: `The ${approval.role} approval for order ${approval.orderId} was locked at ${now.toISOString()} after ${attempts} failed signature attempts (last user name tried: ${attemptedUser}). It will escalate when it times out.`,
            },
          },
        },
      },
    }),
  );
}
