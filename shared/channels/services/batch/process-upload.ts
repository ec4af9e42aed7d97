import { putObject, readObject } from '../../../platform/aws/objects.js';
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
export async function processUpload(
  bucket: string,
  batchId: string,
  intake: IntakeSettings,
  limit = ORDERS_PER_RUN,
  deps: { readObject: typeof readObject; putObject: typeof putObject } = { readObject, putObject },
): Promise<void> {
  const batch = await findBatch(batchId);
  if (!batch?.objectKey) throw new Error(`batch ${batchId} not found`);
  if (batch.status === 'DONE') return;
  const object = await deps.readObject(bucket, batch.objectKey);
  if (!object) throw new Error(`upload of ${batchId} is missing from ${bucket}`);
  const file = readBatchFile(object.bytes);
  // The API read this very file before storing it: a refusal here means the object changed.
  if (!file.ok) throw new Error(`stored upload of ${batchId} no longer reads: ${file.reason}`);
  const groups = ordersOfFile(file.rows);
  const run = await placeBatchOrders(batch, groups, intake, limit, batchActor(batch, PROCESSOR));
  logger.info('batch run', { batchId, from: batch.ordersProcessed, ...run });
  if (!run.done && !run.superseded) {
    await deps.putObject({ bucket, key: continuationKey(batchId, run.next), body: '' });
  }
}
