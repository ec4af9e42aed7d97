import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesClient } from '../../aws/ses.js';
import { putApproval } from '../../data/approval-repository.js';
import { getOrder, recordTransition } from '../../data/order-repository.js';
import { newApprovalId } from '../../domain/ids.js';
import { approvalPath } from '../links.js';
import { describeReason } from '../approval-texts.js';

export interface ApprovalRequestSettings {
  publicApiUrl: string;
  senderEmail: string;
  approverEmail: string;
  /** How long the link stays valid; the workflow's own timeout is the same length. */
  validForSeconds: number;
}

/**
 * Parks the Step Functions task token under a fresh opaque approval id and
 * emails the approvers a link carrying only that id. The token never leaves
 * the table: not in the email, the URL, or the logs.
 */
export async function requestApproval(
  orderId: string,
  taskToken: string,
  settings: ApprovalRequestSettings,
  now: Date = new Date(),
): Promise<void> {
  const order = await getOrder(orderId);
  const approvalId = newApprovalId();
  const expiresAt = new Date(now.getTime() + settings.validForSeconds * 1000);
  const reasons = order.approvalReasons ?? [];
  await putApproval({
    approvalId,
    orderId,
    taskToken,
    reasons,
    status: 'PENDING',
    expiresAt: expiresAt.toISOString(),
    // Kept a year past expiry for the record, then removed by TTL.
    expiresAtEpoch: Math.floor(expiresAt.getTime() / 1000) + 365 * 24 * 3600,
  });
  const link = `${settings.publicApiUrl.replace(/\/$/, '')}${approvalPath(approvalId)}`;
  const reasonLines = reasons.map((reason) => `- ${describeReason(reason)}`).join('\n');
  await sesClient.send(
    new SendEmailCommand({
      FromEmailAddress: settings.senderEmail,
      Destination: { ToAddresses: [settings.approverEmail] },
      Content: {
        Simple: {
          Subject: { Data: `Approval needed: order ${orderId} (${order.total ?? '?'} ${order.currency ?? ''})` },
          Body: {
            Text: {
              Data: [
                `Order ${orderId} from customer ${order.customerId} (PO ${order.customerPo}) needs your decision.`,
                '',
                'Why:',
                reasonLines,
                '',
                `Review and sign: ${link}`,
                `The link expires at ${expiresAt.toISOString()}. Opening it changes nothing; you sign on the page.`,
              ].join('\n'),
            },
          },
        },
      },
    }),
  );
  await recordTransition(
    order,
    'AWAITING_APPROVAL',
    {},
    { eventId: '04-APPROVAL_REQUESTED', type: 'APPROVAL_REQUESTED', actor: 'workflow', detail: { reasons, expiresAt: expiresAt.toISOString() } },
    now.toISOString(),
  );
}
