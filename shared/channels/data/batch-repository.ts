import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { UpdateItemCommand, $add } from 'dynamodb-toolbox/entity/actions/update';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import { BatchOrderResult, type BatchStatus } from '../schemas/batch.js';
import type { Channel } from '../../orders/schemas/order.js';
import { BatchEntity, BatchOrderResultEntity } from './batch-entities.js';
import { cancellationCodes, isConditionFailure } from '../../platform/data/errors.js';
import { table } from '../../platform/data/table.js';

export type BatchRecord = FormattedItem<typeof BatchEntity>;

const COUNTER_OF = {
  CREATED: 'ordersCreated',
  HELD: 'ordersHeld',
  DUPLICATE: 'ordersDuplicate',
  REFUSED: 'ordersRefused',
  FAILED: 'ordersFailed',
} as const satisfies Record<BatchOrderResult['outcome'], keyof BatchRecord>;

export class DuplicateBatchError extends Error {
  override name = 'DuplicateBatchError';
}

export interface NewBatch {
  batchId: string;
  channel: Channel;
  ownerClientId: string;
  partnerId: string;
  submittedBy: string;
  status: BatchStatus;
  objectKey?: string;
  bytes: number;
  rows: number;
  orders: number;
  receivedAt: string;
  changedBy: string;
  changeReason: string;
}

/** Results sort by their position in the file. */
export const positionKey = (position: number) => position.toString().padStart(6, '0');

export async function createBatch(batch: NewBatch): Promise<void> {
  try {
    await BatchEntity.build(PutItemCommand)
      .item({ ...batch, rowsProcessed: 0, ordersProcessed: 0, ordersCreated: 0, ordersHeld: 0, ordersDuplicate: 0, ordersRefused: 0, ordersFailed: 0 })
      .options({ condition: { attr: 'batchId', exists: false } })
      .send();
  } catch (error) {
    if (isConditionFailure(error)) throw new DuplicateBatchError(`batch ${batch.batchId} exists`);
    throw error;
  }
}

export async function findBatch(batchId: string): Promise<BatchRecord | undefined> {
  const { Item } = await BatchEntity.build(GetItemCommand).key({ batchId }).options({ consistent: true }).send();
  return Item;
}

/** Every order result of a batch recorded so far, in file order (one partition, every page). */
export async function resultsOf(batchId: string): Promise<BatchOrderResult[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(BatchOrderResultEntity)
    .query({ partition: `BATCH#${batchId}`, range: { beginsWith: 'RESULT#' } })
    .options({ consistent: true, maxPages: Infinity })
    .send();
  return Items.map(({ batchId: _batch, position: _position, changedBy: _by, changeReason: _why, ...result }) => BatchOrderResult.parse(result));
}

export interface Actor {
  changedBy: string;
  changeReason: string;
}

/**
 * Records the outcome of the order at `position` and moves the batch's
 * progress past it, in one transaction conditional on the progress being at
 * that position. Returns false when another run already recorded it.
 */
export async function recordOrderResult(batchId: string, position: number, result: BatchOrderResult, actor: Actor): Promise<boolean> {
  try {
    await execute(
      BatchOrderResultEntity.build(PutTransaction)
        .item({ batchId, position: positionKey(position), ...result, ...actor })
        .options({ condition: { attr: 'position', exists: false } }),
      BatchEntity.build(UpdateTransaction)
        .item({
          batchId,
          status: 'PROCESSING',
          ordersProcessed: $add(1),
          rowsProcessed: $add(result.rows.length),
          [COUNTER_OF[result.outcome]]: $add(1),
          ...actor,
        })
        .options({ condition: { attr: 'ordersProcessed', eq: position } }),
    );
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

/** Marks the batch done once every order has a result (idempotent). */
export async function completeBatch(batchId: string, orders: number, at: string, actor: Actor): Promise<void> {
  try {
    await BatchEntity.build(UpdateItemCommand)
      .item({ batchId, status: 'DONE', completedAt: at, ...actor })
      .options({
        condition: {
          and: [
            { attr: 'ordersProcessed', eq: orders },
            { attr: 'status', ne: 'DONE' },
          ],
        },
      })
      .send();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
