import { pendingApprovals } from '../data/approval-repository.js';
import { approverRoles, type ApprovalPolicy } from '../schemas/approval-policy.js';
import { PendingApproval } from '../schemas/approval.js';
import { approvalPath, orderLinks } from '../../orders/services/links.js';

/** The signed-in approver's to-do list: pending approvals of every role the user holds. */
export async function pendingFor(groups: readonly string[], policy: ApprovalPolicy): Promise<PendingApproval[]> {
  const roles = approverRoles(policy).filter((role) => groups.includes(role));
  const pending = (await Promise.all(roles.map((role) => pendingApprovals(role)))).flat();
  return pending
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))
    .map((approval) =>
      PendingApproval.parse({
        approvalId: approval.approvalId,
        orderId: approval.orderId,
        reason: approval.reason,
        role: approval.role,
        level: approval.level,
        detail: approval.detail,
        expiresAt: approval.expiresAt,
        links: { approval: approvalPath(approval.approvalId), order: orderLinks(approval.orderId).self ?? '' },
      }),
    );
}
