import { Entity } from 'dynamodb-toolbox/entity';
import { item, list, map, number, string } from 'dynamodb-toolbox/schema';
import { prefix } from 'dynamodb-toolbox/transformers/prefix';
import { BATCH_ORDER_OUTCOMES, BATCH_STATUSES } from '../schemas/batch.js';
import { CHANNELS } from '../../orders/schemas/order.js';
import { table } from '../../platform/data/table.js';

/**
 * One uploaded batch file and its progress. `ordersProcessed` is the
 * processor's cursor: every order's result is written together with the
 * counter moving past it, conditional on the counter's value, so a retried
 * or duplicated processor run resumes exactly where the last one stopped.
 */
export const BatchEntity = new Entity({
  name: 'Batch',
  table,
  schema: item({
    batchId: string().key().transform(prefix('BATCH')).savedAs('PK'),
    recordType: string().key().const('BATCH').savedAs('SK').hidden(),
    channel: string().enum(...CHANNELS),
    /** The app client that uploaded the file: the only caller that may read the report. */
    ownerClientId: string(),
    /** The partner the uploading client was issued to: its orders are bound to that partner's customers. */
    partnerId: string().optional(),
    submittedBy: string(),
    status: string().enum(...BATCH_STATUSES),
    objectKey: string().optional(),
    bytes: number(),
    rows: number(),
    orders: number(),
    rowsProcessed: number(),
    ordersProcessed: number(),
    // Not `created`: the toolbox's creation timestamp has that name.
    ordersCreated: number(),
    /** Absent on batches uploaded before held orders had their own counter. */
    ordersHeld: number().optional(),
    ordersDuplicate: number(),
    ordersRefused: number(),
    ordersFailed: number(),
    receivedAt: string(),
    completedAt: string().optional(),
    changedBy: string(),
    changeReason: string().optional(),
  }),
});

/** The outcome of one order (customer PO) of a batch, keyed by its position in the file. */
export const BatchOrderResultEntity = new Entity({
  name: 'BatchOrderResult',
  table,
  timestamps: false,
  schema: item({
    batchId: string().key().transform(prefix('BATCH')).savedAs('PK'),
    position: string().key().transform(prefix('RESULT')).savedAs('SK'),
    customerPo: string(),
    customerId: string(),
    rows: list(number()),
    outcome: string().enum(...BATCH_ORDER_OUTCOMES),
    orderId: string().optional(),
    errors: list(map({ row: number(), field: string(), message: string() })).optional(),
    reason: string().optional(),
    changedBy: string(),
    changeReason: string().optional(),
  }),
});
