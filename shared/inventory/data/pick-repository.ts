import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { $add, $remove, $set, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { item, number, string } from 'dynamodb-toolbox/schema';
import { OrderEntity, OrderEventEntity } from '../../orders/data/entities.js';
import { PickTaskEntity } from './picking-entities.js';
import { cancellationCodes, ConcurrentModificationError, isConditionFailure } from '../../platform/data/errors.js';
import { cancellationReasons, executeNamed } from '../../platform/data/transaction.js';
import type { OrderRecord } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';

export type PickTaskRecord = FormattedItem<typeof PickTaskEntity>;
export type NewPickTask = Omit<InputItem<typeof PickTaskEntity>, 'status' | 'pendingKey' | 'pendingSort' | 'changedBy' | 'changeReason'>;

/** The audit trail's actor for pick-task changes the workflow makes (open, expire, cancel). */
const PICK_WORKFLOW = 'system:pick-workflow';
const WORK_LIST = 'PENDING';

const pickTasksOfOrder = PickTaskEntity.build(AccessPattern)
  .schema(string())
  .pattern((orderId) => ({ partition: `ORDER#${orderId}`, range: { beginsWith: 'PICK#' } }))
  .options({ consistent: true, reverse: true, limit: 1 })
  .meta({ title: 'Latest pick task of an order', description: 'Access pattern 56' });

const pendingPickTasks = PickTaskEntity.build(AccessPattern)
  .schema(item({ limit: number() }))
  .pattern(() => ({ index: 'GSI1', partition: `PICKS#${WORK_LIST}` }))
  .meta({ title: 'Warehouse work list: pending pick tasks, oldest first', description: 'Access pattern 57' });

/**
 * Hands an allocated order to the warehouse, all or nothing: the order moves
 * to READY_TO_PICK (conditional on the version read) with its event, and the
 * pick task with the workflow's task token is written. A retried request of
 * the same round (a new token) replaces the token of a task still PENDING;
 * a task already confirmed or closed is never reopened.
 */
export async function openPickTask(
  order: Pick<OrderRecord, 'orderId' | 'version' | 'status'>,
  task: NewPickTask,
  event: { eventId: string; detail: Record<string, unknown> },
  at: string,
): Promise<'OPENED' | 'TASK_CLOSED'> {
  // An order already READY_TO_PICK (a retried request) keeps its status and event.
  const moveOrder = order.status !== 'READY_TO_PICK';
  const transaction = {
    task: PickTaskEntity.build(PutTransaction)
      .item({ ...task, status: 'PENDING', changedBy: PICK_WORKFLOW, pendingKey: WORK_LIST, pendingSort: `${task.readyAt}#${task.orderId}` })
      .options({
        condition: {
          or: [
            { attr: 'orderId', exists: false },
            { attr: 'status', eq: 'PENDING' },
          ],
        },
      }),
    order: moveOrder
      ? OrderEntity.build(UpdateTransaction)
          .item({
            orderId: order.orderId,
            status: 'READY_TO_PICK',
            version: $add(1),
            changedBy: PICK_WORKFLOW,
            changeReason: $remove(),
            statusReason: $remove(),
          })
          .options({ condition: { attr: 'version', eq: order.version } })
      : undefined,
    event: moveOrder
      ? OrderEventEntity.build(PutTransaction)
          .item({
            orderId: order.orderId,
            eventId: event.eventId,
            type: ORDER_EVENTS.READY_TO_PICK.type,
            at,
            actor: 'workflow',
            status: 'READY_TO_PICK',
            detail: event.detail,
            changedBy: PICK_WORKFLOW,
          })
          .options({ condition: { attr: 'eventId', exists: false } })
      : undefined,
  };
  try {
    await executeNamed(transaction);
    return 'OPENED';
  } catch (error) {
    const reasons = cancellationReasons(error, transaction);
    if (reasons?.task === 'ConditionalCheckFailed') return 'TASK_CLOSED';
    if (reasons?.order === 'ConditionalCheckFailed') throw new ConcurrentModificationError(`order ${order.orderId} changed since version ${order.version}`);
    throw error;
  }
}

export async function findPickTask(orderId: string, round: number): Promise<PickTaskRecord | undefined> {
  const { Item } = await PickTaskEntity.build(GetItemCommand).key({ orderId, round }).options({ consistent: true }).send();
  return Item;
}

/** The order's current pick task: the one of its latest allocation round. */
export async function latestPickTask(orderId: string): Promise<PickTaskRecord | undefined> {
  const { Items = [] } = await pickTasksOfOrder.query(orderId).send();
  return Items[0];
}

/** One page of the work list, oldest ready first. */
export async function pendingPicks(limit: number, cursor?: Record<string, unknown>): Promise<{ tasks: PickTaskRecord[]; next?: Record<string, unknown> }> {
  const page = await pendingPickTasks
    .query({ limit })
    .options({ limit, ...(cursor ? { exclusiveStartKey: cursor } : {}) })
    .send();
  return { tasks: page.Items ?? [], ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
}

export interface PickConfirmation {
  confirmedBy: string;
  confirmedAt: string;
  scans: string[];
  picked: NonNullable<PickTaskRecord['picked']>;
  shipmentId: string;
}

/**
 * Records the packer's complete scan, once: the task must still be PENDING
 * (two packers at once: one wins; a task the workflow expired stays expired),
 * and the order's timeline gets the confirmation in the same transaction.
 * Returns false when the task was no longer pending.
 */
export async function confirmPickTask(task: Pick<PickTaskRecord, 'orderId' | 'round'>, confirmation: PickConfirmation): Promise<boolean> {
  try {
    await execute(
      PickTaskEntity.build(UpdateTransaction)
        .item({
          orderId: task.orderId,
          round: task.round,
          status: 'CONFIRMED',
          ...confirmation,
          // Lists are written whole: an update would otherwise patch them element by element, which fails on an absent attribute.
          scans: $set(confirmation.scans),
          picked: $set(confirmation.picked),
          pendingKey: $remove(),
          pendingSort: $remove(),
          changedBy: confirmation.confirmedBy,
          changeReason: 'scan-to-ship confirmation: every allocated unit scanned',
        })
        .options({ condition: { attr: 'status', eq: 'PENDING' } }),
      OrderEventEntity.build(PutTransaction)
        .item({
          orderId: task.orderId,
          ...ORDER_EVENTS.PICK_CONFIRMED.of(task.round),
          at: confirmation.confirmedAt,
          actor: confirmation.confirmedBy,
          status: 'READY_TO_PICK',
          detail: { round: task.round, shipmentId: confirmation.shipmentId, scans: confirmation.scans.length, picked: confirmation.picked },
          changedBy: confirmation.confirmedBy,
          changeReason: 'scan-to-ship confirmation',
        })
        .options({ condition: { attr: 'eventId', exists: false } }),
    );
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

/**
 * Closes a PENDING task without a confirmation (the wait timed out, or the
 * order was closed): it leaves the work list. Returns the task as it is
 * afterwards, so a caller that lost to a confirmation sees it.
 */
export async function closePickTask(orderId: string, round: number, status: 'EXPIRED' | 'CANCELLED', reason: string): Promise<PickTaskRecord | undefined> {
  try {
    await PickTaskEntity.build(UpdateItemCommand)
      .item({ orderId, round, status, closedReason: reason, pendingKey: $remove(), pendingSort: $remove(), changedBy: PICK_WORKFLOW, changeReason: reason })
      .options({ condition: { attr: 'status', eq: 'PENDING' } })
      .send();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  return findPickTask(orderId, round);
}
