import { signaturesOf } from '../data/approval-repository.js';
import { getOrder, recordTransition } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { approvalStanding } from '../domain/approval-standing.js';
import { orderContentHash } from '../../orders/domain/order-fingerprint.js';
import { ApprovalReason, SignatureMeaning } from '../schemas/approval-policy.js';
import { assessOrder, type Assessment, type CreditSettings } from './credit-check.js';
import { reject } from '../../orders/services/outcomes.js';

/**
 * After the approvers: credit and the approval policy are applied again to
 * the order's current content, and every approval it needs must carry a
 * granting signature over that content (shared/approvals/domain/approval-standing.ts).
 * One rejection rejects the order; an approval nobody signed expired. What is
 * still missing is asked for: a credit hold that arose while the order waited
 * (for the credit controller), or approvals signed over content a merge has
 * since changed.
 */
export async function concludeApprovals(orderId: string, settings: CreditSettings, now: Date = new Date()): Promise<Assessment> {
  const order = await getOrder(orderId);
  const signatures = await signaturesOf(orderId);
  const contentHash = orderContentHash(order);
  const recorded = (order.requiredApprovals ?? []).map((approval) => ({ ...approval, reason: ApprovalReason.parse(approval.reason) }));

  const assessed = await assessOrder(order, settings, now);
  if ('outcome' in assessed) return assessed;
  const standing = approvalStanding({
    recorded,
    needed: assessed.approvals,
    signatures: signatures.map((signature) => ({ ...signature, meaning: SignatureMeaning.parse(signature.meaning) })),
    contentHash,
    reRequested: order.reapprovalHash === contentHash ? (order.reapprovalReasons ?? []) : [],
  });
  const at = now.toISOString();
  switch (standing.outcome) {
    case 'REJECTED':
      // The reason reaches the customer (the order's status reason, an EDI 855's MSG): who signed and their comment stay on
      // the signature, which staff read with the order.
      return reject(`not approved (${standing.by.reason})`);
    case 'EXPIRED':
      return reject('approval expired');
    case 'REQUEST': {
      const requested = new Set(standing.approvals.map((approval) => approval.reason));
      const required = [...recorded.filter((approval) => !requested.has(approval.reason)), ...standing.approvals];
      const onlyCreditHold = standing.stale.length === 0 && standing.approvals.every((approval) => approval.reason === 'CREDIT_HOLD');
      await recordTransition(
        order,
        'AWAITING_APPROVAL',
        {
          credit: assessed.credit,
          requiredApprovals: required,
          approvalReasons: required.map((approval) => approval.reason),
          reapprovalHash: contentHash,
          reapprovalReasons: standing.approvals.map((approval) => approval.reason),
        },
        onlyCreditHold
          ? { ...ORDER_EVENTS.CREDIT_HOLD_ON_RECHECK.of(order.version), actor: 'workflow', detail: { credit: assessed.credit } }
          : {
              ...ORDER_EVENTS.APPROVALS_REQUESTED_AGAIN.of(order.version),
              actor: 'workflow',
              detail: { reasons: [...requested], signedOverEarlierContent: standing.stale, contentHash },
            },
        at,
      );
      return { outcome: 'APPROVAL_REQUIRED', approvalRequired: true, approvals: standing.approvals.map((approval) => ({ ...approval, orderId, level: 0 })) };
    }
    case 'GRANTED': {
      const current = signatures.filter((signature) => signature.orderContentHash === contentHash);
      await recordTransition(
        order,
        'APPROVED',
        { credit: assessed.credit },
        { ...ORDER_EVENTS.APPROVED.of(), actor: 'workflow', detail: { signatures: current.map((s) => s.approvalId), credit: assessed.credit } },
        at,
      );
      return { outcome: 'CONTINUE', approvalRequired: false, approvals: [] };
    }
  }
}
