import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { $add, $remove, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { item, string } from 'dynamodb-toolbox/schema';
import { ApprovalEntity, OrderEventEntity, SignatureEntity } from '../../orders/data/entities.js';
import type { StageEvent } from '../../orders/data/order-repository.js';
import type { OrderStatus } from '../../orders/schemas/order.js';
import { conditionHeld, isConditionFailure } from '../../platform/data/errors.js';
import { cancellationReasons, executeNamed } from '../../platform/data/transaction.js';

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
  approval: Omit<InputItem<typeof ApprovalEntity>, 'pendingRole' | 'pendingSort' | 'status' | 'failedAttempts' | 'signingAttempts'>,
): Promise<void> {
  await ApprovalEntity.build(PutItemCommand)
    .item({
      ...approval,
      status: 'PENDING',
      failedAttempts: 0,
      signingAttempts: 0,
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

/** The audit trail's actor for what a signature attempt changes on its approval. */
const APPROVAL_DECISION = 'system:approval-decision';

/**
 * Takes one of an approval's signature attempts before the password is
 * checked: true while the approval is pending and fewer than `max` attempts
 * are taken, in one conditional write, so parallel posts cannot all reach the
 * directory. A failed attempt keeps its place; one that ends otherwise is
 * given back (returnSigningAttempt).
 */
export async function reserveSigningAttempt(approvalId: string, max: number): Promise<boolean> {
  return conditionHeld(
    ApprovalEntity.build(UpdateItemCommand)
      .item({ approvalId, signingAttempts: $add(1), changedBy: APPROVAL_DECISION, changeReason: 'signature attempt taken' })
      .options({
        condition: {
          and: [
            { attr: 'status', eq: 'PENDING' },
            // Approvals requested before attempts were taken have none recorded.
            {
              or: [
                { attr: 'signingAttempts', exists: false },
                { attr: 'signingAttempts', lt: max },
              ],
            },
          ],
        },
      })
      .send(),
  );
}

/** Gives back an attempt that did not fail (the password was right, or the check itself failed); nothing when no longer pending. */
export async function returnSigningAttempt(approvalId: string): Promise<void> {
  await conditionHeld(
    ApprovalEntity.build(UpdateItemCommand)
      .item({ approvalId, signingAttempts: $add(-1), changedBy: APPROVAL_DECISION, changeReason: 'signature attempt given back' })
      .options({
        condition: {
          and: [
            { attr: 'status', eq: 'PENDING' },
            { attr: 'signingAttempts', gt: 0 },
          ],
        },
      })
      .send(),
  );
}

/** Counts a failed signature on a pending approval and returns the new count; undefined when it is no longer pending. */
export async function recordFailedAttempt(approvalId: string): Promise<number | undefined> {
  try {
    const { Attributes } = await ApprovalEntity.build(UpdateItemCommand)
      .item({ approvalId, failedAttempts: $add(1), changedBy: APPROVAL_DECISION, changeReason: 'failed signature attempt' })
      .options({ condition: { attr: 'status', eq: 'PENDING' }, returnValues: 'ALL_NEW' })
      .send();
    return Attributes?.failedAttempts;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

export interface DecisionWrite {
  decision: { decidedBy: string; decidedAt: string; meaning: string };
  signature: InputItem<typeof SignatureEntity>;
  /** The APPROVAL_SIGNED event on the order's timeline, under the order's status at signing. */
  event: StageEvent & { status: OrderStatus };
}

/**
 * Decides a pending approval: closes it as DECIDED, writes the signature
 * (once; there is no update or delete for it anywhere) and the order's
 * APPROVAL_SIGNED event, all or nothing. False when the approval was no longer
 * pending (someone else decided it, it locked, escalated or was withdrawn).
 */
export async function recordDecision({ decision, signature, event }: DecisionWrite): Promise<boolean> {
  const { status, ...stageEvent } = event;
  const transaction = {
    approval: ApprovalEntity.build(UpdateTransaction)
      .item({
        approvalId: signature.approvalId,
        status: 'DECIDED',
        ...decision,
        pendingRole: $remove(),
        pendingSort: $remove(),
        changedBy: `user:${decision.decidedBy}`,
        changeReason: decision.meaning,
      })
      .options({ condition: { attr: 'status', eq: 'PENDING' } }),
    signature: SignatureEntity.build(PutTransaction)
      .item({ ...signature, changedBy: `user:${signature.signerUsername}` })
      .options({ condition: { attr: 'approvalId', exists: false } }),
    event: OrderEventEntity.build(PutTransaction)
      .item({ orderId: signature.orderId, at: decision.decidedAt, status, ...stageEvent, changedBy: stageEvent.changedBy ?? stageEvent.actor })
      .options({ condition: { attr: 'eventId', exists: false } }),
  };
  try {
    await executeNamed(transaction);
    return true;
  } catch (error) {
    if (cancellationReasons(error, transaction)?.approval === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

export async function findSignature(orderId: string, approvalId: string): Promise<SignatureRecord | undefined> {
  const { Item } = await SignatureEntity.build(GetItemCommand).key({ orderId, approvalId }).options({ consistent: true }).send();
  return Item;
}

export async function signaturesOf(orderId: string): Promise<SignatureRecord[]> {
  const { Items = [] } = await signaturesOfOrder.query(orderId).send();
  return [...Items].sort((a, b) => a.signedAt.localeCompare(b.signedAt));
}
