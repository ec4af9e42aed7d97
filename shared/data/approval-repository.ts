import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { ApprovalEntity } from './entities/orders.js';
import { isConditionFailure } from './errors.js';

export type ApprovalRecord = FormattedItem<typeof ApprovalEntity>;

export async function putApproval(approval: InputItem<typeof ApprovalEntity>): Promise<void> {
  await ApprovalEntity.build(PutItemCommand)
    .item(approval)
    .options({ condition: { attr: 'approvalId', exists: false } })
    .send();
}

export async function findApproval(approvalId: string): Promise<ApprovalRecord | undefined> {
  const { Item } = await ApprovalEntity.build(GetItemCommand).key({ approvalId }).options({ consistent: true }).send();
  return Item;
}

/**
 * Consumes the approval: only a PENDING approval can be decided, once. Two
 * approvers clicking at the same moment get one winner; the other is told
 * the approval was already decided.
 */
export async function decideApproval(
  approvalId: string,
  decision: { status: 'APPROVED' | 'REJECTED'; decidedBy: string; decidedAt: string; decisionReason: string; signatureMeaning: string },
): Promise<boolean> {
  try {
    await ApprovalEntity.build(UpdateItemCommand)
      .item({ approvalId, ...decision })
      .options({ condition: { attr: 'status', eq: 'PENDING' } })
      .send();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
