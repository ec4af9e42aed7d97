import { z } from 'zod';
import { UtcTimestamp } from '../../platform/schemas/common.js';

export const BATCH_ORDER_OUTCOMES = ['CREATED', 'HELD', 'DUPLICATE', 'REFUSED', 'FAILED'] as const;
export const BatchOrderOutcome = z.enum(BATCH_ORDER_OUTCOMES);
export type BatchOrderOutcome = z.infer<typeof BatchOrderOutcome>;

export const BATCH_STATUSES = ['RECEIVED', 'PROCESSING', 'DONE'] as const;
export const BatchStatus = z.enum(BATCH_STATUSES);
export type BatchStatus = z.infer<typeof BatchStatus>;

export const BatchRowError = z
  .object({
    row: z.number().int().positive().meta({ description: 'Line of the file (the header is line 1)' }),
    field: z.string().meta({ description: 'CSV column, or (row) for the row as a whole' }),
    message: z.string(),
  })
  .meta({ id: 'BatchRowError' });
export type BatchRowError = z.infer<typeof BatchRowError>;

export const BatchOrderResult = z
  .object({
    customerPo: z.string(),
    customerId: z.string(),
    rows: z.array(z.number().int().positive()).meta({ description: 'File lines of the order' }),
    outcome: BatchOrderOutcome.meta({
      description:
        'CREATED: placed, its workflow runs; HELD: stored as a possible duplicate of an earlier order, waiting for merge, keep or cancel; DUPLICATE: the customer PO was ordered before; REFUSED: row errors, nothing written; FAILED: technical failure, send it again',
    }),
    orderId: z.string().optional().meta({ description: 'The created order, or the existing one for a duplicate PO' }),
    errors: z.array(BatchRowError).optional().meta({ description: 'Why the order was refused, per row and field' }),
    reason: z.string().optional(),
  })
  .meta({ id: 'BatchOrderResult' });
export type BatchOrderResult = z.infer<typeof BatchOrderResult>;

export const BatchProgress = z
  .object({
    rows: z.number().int(),
    orders: z.number().int(),
    rowsProcessed: z.number().int(),
    ordersProcessed: z.number().int(),
    created: z.number().int(),
    held: z.number().int().meta({ description: 'Orders stored but held as possible duplicates (no workflow until someone merges, keeps or cancels them)' }),
    duplicates: z.number().int(),
    refused: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'BatchProgress' });
export type BatchProgress = z.infer<typeof BatchProgress>;

export const BatchReport = z
  .object({
    batchId: z.string(),
    status: BatchStatus,
    progress: BatchProgress,
    receivedAt: UtcTimestamp,
    completedAt: UtcTimestamp.optional(),
    orders: z.array(BatchOrderResult).meta({ description: 'One result per order (customer PO) in file order, for those processed so far' }),
    links: z.record(z.string(), z.string()),
  })
  .meta({ id: 'BatchReport', description: 'Per-order outcome of a batch CSV upload' });
export type BatchReport = z.infer<typeof BatchReport>;

export const BatchAccepted = z
  .object({ batchId: z.string(), status: BatchStatus, progress: BatchProgress, links: z.record(z.string(), z.string()) })
  .meta({ id: 'BatchAccepted', description: 'A large file, accepted for processing; poll the report link' });
export type BatchAccepted = z.infer<typeof BatchAccepted>;
