import { signaturesOf } from '../../data/approval-repository.js';
import { getOrder, recordTransition } from '../../data/order-repository.js';
import { grants } from '../../domain/approval-policy.js';
import { orderContentHash } from '../../domain/order-fingerprint.js';
import { SignatureMeaning } from '../../schemas/approval-policy.js';
import { assessOrder, type Assessment, type CreditSettings } from './credit-check.js';
import { reject } from './outcomes.js';

/**
 * After the approvers: every required approval must carry a granting
 * signature over the order's current content; one rejection rejects the
 * order, and a missing one means it expired. Credit is then checked again
 * before allocation, so a hold that arose while the order waited cannot slip
 * through: it becomes a new approval for the credit controller.
 */
export async function concludeApprovals(orderId: string, settings: CreditSettings, now: Date = new Date()): Promise<Assessment> {
  const order = await getOrder(orderId);
  const signatures = await signaturesOf(orderId);
  const contentHash = orderContentHash(order);
  const current = signatures.filter((signature) => signature.orderContentHash === contentHash);

  const rejection = current.find((signature) => signature.meaning === 'REJECTED');
  if (rejection) return reject(`rejected by ${rejection.signerName} (${rejection.reason}): ${rejection.comment ?? 'no comment'}`);
  const grantedFor = (reason: string) => current.some((s) => s.reason === reason && grants(SignatureMeaning.parse(s.meaning)));
  const required = order.requiredApprovals ?? [];
  const missing = required.filter((approval) => !grantedFor(approval.reason));
  if (missing.length > 0) return reject('approval expired');

  const assessed = await assessOrder(order, settings, now);
  if ('outcome' in assessed) return assessed;
  if (assessed.credit.status === 'HOLD' && !grantedFor('CREDIT_HOLD')) {
    const creditApproval = assessed.approvals.find((approval) => approval.reason === 'CREDIT_HOLD');
    if (creditApproval) {
      await recordTransition(
        order,
        'AWAITING_APPROVAL',
        { credit: assessed.credit, requiredApprovals: [...required, creditApproval], approvalReasons: [...required.map((a) => a.reason), 'CREDIT_HOLD'] },
        { eventId: `05-CREDIT_HOLD_ON_RECHECK#${order.version}`, type: 'CREDIT_HOLD_ON_RECHECK', actor: 'workflow', detail: { credit: assessed.credit } },
        now.toISOString(),
      );
      return { outcome: 'APPROVAL_REQUIRED', approvalRequired: true, approvals: [{ ...creditApproval, orderId, level: 0 }] };
    }
  }
  await recordTransition(
    order,
    'APPROVED',
    { credit: assessed.credit },
    { eventId: '05-APPROVED', type: 'ORDER_APPROVED', actor: 'workflow', detail: { signatures: current.map((s) => s.approvalId), credit: assessed.credit } },
    now.toISOString(),
  );
  return { outcome: 'CONTINUE', approvalRequired: false, approvals: [] };
}
