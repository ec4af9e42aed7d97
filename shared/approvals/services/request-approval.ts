import { sendEmail } from '../../platform/aws/mail.js';
import { putApproval } from '../data/approval-repository.js';
import { appendEvent, getOrder } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { newApprovalId } from '../../platform/domain/ids.js';
import { approvalPath } from '../../orders/services/links.js';
import { describeReason } from './approval-texts.js';
import { emailsOfRole } from './approver-directory.js';

export interface ApprovalRequestSettings {
  publicApiUrl: string;
  senderEmail: string;
  /** Where a request goes when nobody holds the role, so it is never lost. */
  fallbackEmail: string;
  userPoolId: string;
  /** How long the link stays valid: the workflow escalates after the same time. */
  validForSeconds: number;
}

export interface ApprovalTask {
  orderId: string;
  taskToken: string;
  reason: string;
  role: string;
  detail: string;
  level: number;
}

export interface RequestApprovalDeps {
  emailsOfRole: typeof emailsOfRole;
  sendEmail: typeof sendEmail;
}

const defaultRequestApprovalDeps: RequestApprovalDeps = { emailsOfRole, sendEmail };

/**
 * Parks the Step Functions task token under a fresh opaque approval id and
 * emails everyone holding the role a link carrying only that id. The token
 * never leaves the table: not in the email, the URL, or the logs. A request
 * SES refuses fails the step like any other send error: an approval nobody
 * hears of would only time out.
 */
export async function requestApproval(
  task: ApprovalTask,
  settings: ApprovalRequestSettings,
  now: Date = new Date(),
  deps: RequestApprovalDeps = defaultRequestApprovalDeps,
): Promise<void> {
  const order = await getOrder(task.orderId);
  const approvalId = newApprovalId();
  const expiresAt = new Date(now.getTime() + settings.validForSeconds * 1000);
  await putApproval({
    approvalId,
    orderId: task.orderId,
    taskToken: task.taskToken,
    reason: task.reason,
    role: task.role,
    level: task.level,
    detail: task.detail,
    expiresAt: expiresAt.toISOString(),
    // Kept a year past expiry for the record, then removed by TTL; signatures live on the order.
    expiresAtEpoch: Math.floor(expiresAt.getTime() / 1000) + 365 * 24 * 3600,
  });
  const recipients = await deps.emailsOfRole(settings.userPoolId, task.role);
  const link = `${settings.publicApiUrl.replace(/\/$/, '')}${approvalPath(approvalId)}`;
  const escalated = task.level > 0 ? ` (escalated, level ${task.level})` : '';
  const sent = await deps.sendEmail({
    from: settings.senderEmail,
    to: recipients.length > 0 ? recipients : [settings.fallbackEmail],
    subject: `Approval needed${escalated}: order ${task.orderId} (${order.total ?? '?'} ${order.currency ?? ''})`,
    text: [
      `Order ${task.orderId} from customer ${order.customerId} (PO ${order.customerPo}) needs a decision from the ${task.role} role${escalated}.`,
      '',
      `Why: ${describeReason(task.reason)}`,
      `Detail: ${task.detail}`,
      '',
      `Review and sign: ${link}`,
      `The link expires at ${expiresAt.toISOString()}. Opening it changes nothing; you sign on the page.`,
    ].join('\n'),
  });
  if (sent.result === 'REJECTED') throw new Error(`SES rejected the approval request ${approvalId} for order ${task.orderId}: ${sent.reason}`);
  await appendEvent(
    task.orderId,
    'AWAITING_APPROVAL',
    {
      ...ORDER_EVENTS.APPROVAL_REQUESTED.of(task.reason, task.level),
      actor: 'workflow',
      detail: { reason: task.reason, role: task.role, level: task.level, expiresAt: expiresAt.toISOString() },
    },
    now.toISOString(),
  );
}
