import { putObject } from '../../../platform/aws/objects.js';
import { createBatch, findBatch } from '../../data/batch-repository.js';
import { uploadKey } from '../../domain/batch/object-keys.js';
import { ordersOfFile } from '../../domain/batch/order-groups.js';
import { newBatchId } from '../../../platform/domain/ids.js';
import type { BatchAccepted, BatchReport } from '../../schemas/batch.js';
import { acceptedOf, reportOf } from './batch-report.js';
import { readBatchFile } from './batch-file.js';
import { placeBatchOrders } from './place-batch-orders.js';
import type { IntakeSettings } from '../../../orders/services/place-order.js';

/** Files this small are processed while the caller waits (well inside the API's 30 s). */
export const SYNC_LIMITS = { rows: 500, bytes: 1024 * 1024, orders: 50 } as const;

export interface Uploader {
  clientId: string;
  /** `client:<appClientId>`: who the orders are submitted by. */
  principal: string;
  /** The partner the client was issued to (the customers its orders may be for). */
  partnerId: string;
}

export interface BatchTargets {
  intake: IntakeSettings;
  uploadBucket: string;
}

export type Reception = { kind: 'refused'; reason: string } | { kind: 'processed'; report: BatchReport } | { kind: 'accepted'; accepted: BatchAccepted };

/**
 * Takes an uploaded file: refuses it whole when it is not the expected CSV
 * (nothing is written then); processes a small file at once; stores a large
 * one in S3, whose notification starts the processor.
 */
export async function receiveBatch(
  bytes: Uint8Array,
  uploader: Uploader,
  targets: BatchTargets,
  now: Date = new Date(),
  deps: { putObject: typeof putObject } = { putObject },
): Promise<Reception> {
  const file = readBatchFile(bytes);
  if (!file.ok) return { kind: 'refused', reason: file.reason };
  const groups = ordersOfFile(file.rows);
  const batchId = newBatchId(now);
  const synchronous = file.rows.length <= SYNC_LIMITS.rows && bytes.byteLength <= SYNC_LIMITS.bytes && groups.length <= SYNC_LIMITS.orders;
  const batch = {
    batchId,
    channel: 'batch' as const,
    ownerClientId: uploader.clientId,
    partnerId: uploader.partnerId,
    submittedBy: uploader.principal,
    bytes: bytes.byteLength,
    rows: file.rows.length,
    orders: groups.length,
    receivedAt: now.toISOString(),
    changedBy: uploader.principal,
    changeReason: `batch upload ${batchId}`,
  };

  if (synchronous) {
    await createBatch({ ...batch, status: 'PROCESSING' });
    const record = await findBatch(batchId);
    if (!record) throw new Error(`batch ${batchId} vanished`);
    await placeBatchOrders(record, groups, targets.intake, groups.length, { changedBy: uploader.principal, changeReason: batch.changeReason });
    const done = await findBatch(batchId);
    if (!done) throw new Error(`batch ${batchId} vanished`);
    return { kind: 'processed', report: await reportOf(done) };
  }

  // The record first: the processor the object's notification starts expects to find it.
  const objectKey = uploadKey(batchId);
  await createBatch({ ...batch, status: 'RECEIVED', objectKey });
  await deps.putObject({ bucket: targets.uploadBucket, key: objectKey, body: bytes, contentType: 'text/csv; charset=utf-8' });
  const record = await findBatch(batchId);
  if (!record) throw new Error(`batch ${batchId} vanished`);
  return { kind: 'accepted', accepted: acceptedOf(record) };
}
