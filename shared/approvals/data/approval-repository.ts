import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { $add, $remove, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { item, string } from 'dynamodb-toolbox/schema';
import { ApprovalEntity, SignatureEntity } from '../../orders/data/entities.js';
import { conditionHeld, isConditionFailure } from '../../platform/data/errors.js';

export type ApprovalRecord = FormattedItem<typeof ApprovalEntity>;
export type SignatureRecord = FormattedItem<typeof SignatureEntity>;
/** Every status of the approval entity but PENDING. */
export type ClosedApprovalStatus = Exclude<ApprovalRecord['status'], 'PENDING'>;

/** Where a pending approval sits in its role's to-do list: by order, reason and escalation level. */
export function pendingSortKey(orderId: string, reason: string, level: number): string {
  return `ORDER#${orderId}#${reason}#L${level}`;
}

const pendingOfRole = ApprovalEntity.build(AccessPattern)
  .schema(item({ role: string(), orderId: string().optional() }))
  .pattern(({ role, orderId }) => ({
    index: 'GSI1',
    partition: `APPROVALS#PENDING#${role}`,
    ...(orderId ? { range: { beginsWith: `ORDER#${orderId}#` } } : {}),
  }))
  .meta({ title: 'Pending approvals of a role (optionally of one order)', description: 'Access pattern 29' });

const signaturesOfOrder = SignatureEntity.build(AccessPattern)
  .schema(string())
  .pattern((orderId) => ({ partition: `ORDER#${orderId}`, range: { beginsWith: 'SIGNATURE#' } }))
  .meta({ title: 'Signatures of an order', description: 'Access pattern 30' });

/** The audit trail's actor for approval changes the workflow makes (request, escalation, expiry, supersession). */
const APPROVAL_WORKFLOW = 'system:approval-workflow';

export async function putApproval(
  approval: Omit<InputItem<typeof ApprovalEntity>, 'pendingRole' | 'pendingSort' | 'status' | 'failedAttempts'>,
): Promise<void> {
  await ApprovalEntity.build(PutItemCommand)
    .item({
      ...approval,
      status: 'PENDING',
      failedAttempts: 0,
      // Requested (or escalated) by the workflow: the audit trail's actor.
      changedBy: APPROVAL_WORKFLOW,
      pendingRole: approval.role,
      pendingSort: pendingSortKey(approval.orderId, approval.reason, approval.level),
    })
    .options({ condition: { attr: 'approvalId', exists: false } })
    .send();
}

export async function findApproval(approvalId: string): Promise<ApprovalRecord | undefined> {
  const { Item } = await ApprovalEntity.build(GetItemCommand).key({ approvalId }).options({ consistent: true }).send();
  return Item;
}

export async function pendingApprovals(role: string, orderId?: string): Promise<ApprovalRecord[]> {
  const { Items = [] } = await pendingOfRole.query({ role, orderId }).send();
  return Items;
}

/**
 * Closes a PENDING approval, once: it leaves the role's to-do list. Two
 * approvers clicking at the same moment get one winner.
 */
export async function closeApproval(
  approvalId: string,
  status: ClosedApprovalStatus,
  decision: { decidedBy?: string; decidedAt?: string; meaning?: string } = {},
): Promise<boolean> {
  return conditionHeld(
    ApprovalEntity.build(UpdateItemCommand)
      .item({
        approvalId,
        status,
        ...decision,
        pendingRole: $remove(),
        pendingSort: $remove(),
        changedBy: decision.decidedBy ? `user:${decision.decidedBy}` : APPROVAL_WORKFLOW,
        changeReason: decision.meaning ?? status,
      })
      .options({ condition: { attr: 'status', eq: 'PENDING' } })
      .send(),
  );
}

/**
 * Withdraws a PENDING approval whose order no longer needs it (the order was
 * stopped): it leaves the to-do list and its link says why. False when it was
 * no longer pending.
 */
export async function withdrawApproval(approvalId: string, reason: string, actor: string): Promise<boolean> {
  return conditionHeld(
    ApprovalEntity.build(UpdateItemCommand)
      .item({
        approvalId,
        status: 'WITHDRAWN',
        withdrawnReason: reason,
        pendingRole: $remove(),
        pendingSort: $remove(),
        changedBy: actor,
        changeReason: `approval withdrawn: ${reason}`,
      })
      .options({ condition: { attr: 'status', eq: 'PENDING' } })
      .send(),
  );
}

/** Counts a failed signing attempt on a pending approval and returns the new count (0 when it is no longer pending). */
export async function countFailedAttempt(approvalId: string): Promise<number> {
  try {
    const { Attributes } = await ApprovalEntity.build(UpdateItemCommand)
      .item({ approvalId, failedAttempts: $add(1), changedBy: 'system:approval-decision', changeReason: 'failed signature attempt' })
      .options({ condition: { attr: 'status', eq: 'PENDING' }, returnValues: 'ALL_NEW' })
      .send();
    return Attributes?.failedAttempts ?? 0;
  } catch (error) {
    if (isConditionFailure(error)) return 0;
    throw error;
  }
}

/** Writes a signature once; there is no update or delete for it anywhere. */
export async function putSignature(signature: InputItem<typeof SignatureEntity>): Promise<boolean> {
  return conditionHeld(
    SignatureEntity.build(PutItemCommand)
      .item({ ...signature, changedBy: `user:${signature.signerUsername}` })
      .options({ condition: { attr: 'approvalId', exists: false } })
      .send(),
  );
}

export async function signaturesOf(orderId: string): Promise<SignatureRecord[]> {
  const { Items = [] } = await signaturesOfOrder.query(orderId).send();
  return [...Items].sort((a, b) => a.signedAt.localeCompare(b.signedAt));
}
