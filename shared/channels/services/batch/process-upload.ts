import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../../../platform/aws/s3.js';
import { findBatch } from '../../data/batch-repository.js';
import { continuationKey } from '../../domain/batch/object-keys.js';
import { ordersOfFile } from '../../domain/batch/order-groups.js';
import { logger } from '../../../platform/observability.js';
import { readBatchFile } from './batch-file.js';
import { batchActor, placeBatchOrders } from './place-batch-orders.js';
import type { IntakeSettings } from '../../../orders/services/place-order.js';

/**
 * Orders one processor run places before handing over to the next run:
 * a few seconds of work on AWS, far inside the function's timeout.
 */
export const ORDERS_PER_RUN = 100;

export const PROCESSOR = 'system:batch-processor';


/**
 * One processor run: reads the stored file, places the next orders from
 * where the batch's progress stands, and, when orders remain, writes a
 * continuation object whose notification starts the next run. Runs that
 * repeat (S3 or Lambda retries) resume from the recorded progress.
 */
export async function processUpload(bucket: string, batchId: string, intake: IntakeSettings, limit = ORDERS_PER_RUN): Promise<void> {
  const batch = await findBatch(batchId);
  if (!batch?.objectKey) throw new Error(`batch ${batchId} not found`);
  if (batch.status === 'DONE') return;
  const object = await s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: batch.objectKey }));
  if (!object.Body) throw new Error(`upload of ${batchId} is empty`);
  const file = readBatchFile(await object.Body.transformToByteArray());
  // The API read this very file before storing it: a refusal here means the object changed.
  if (!file.ok) throw new Error(`stored upload of ${batchId} no longer reads: ${file.reason}`);
  const groups = ordersOfFile(file.rows);
  const run = await placeBatchOrders(batch, groups, intake, limit, batchActor(batch, PROCESSOR));
  logger.info('batch run', { batchId, from: batch.ordersProcessed, ...run });
  if (!run.done && !run.superseded) {
    await s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: continuationKey(batchId, run.next), Body: '' }));
  }
}
