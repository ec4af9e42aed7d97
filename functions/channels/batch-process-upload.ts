import { z } from 'zod';
import { loadConfig } from '../../shared/platform/config.js';
import { batchProcessorFunction } from '../../shared/channels/functions.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { logger } from '../../shared/platform/observability.js';
import { batchIdOfKey } from '../../shared/channels/domain/batch/object-keys.js';
import { processUpload } from '../../shared/channels/services/batch/process-upload.js';

const config = loadConfig(batchProcessorFunction.settings);
const intake = { stateMachineArn: config.STATE_MACHINE_ARN, nearDuplicateWindowHours: config.NEAR_DUPLICATE_WINDOW_HOURS, partners: config.PARTNERS };

// Only the fields this function reads: S3 notification records carry many more, which differ between emitters.
const S3Notification = z.object({
  Records: z.array(z.object({ s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }) })),
});

/** Started by the upload bucket's notifications: a new upload, or the continuation of one. */
export const handler = stepHandler(S3Notification, async ({ Records }) => {
  for (const record of Records) {
    const key = decodeURIComponent(record.s3.object.key.replaceAll('+', ' '));
    const batchId = batchIdOfKey(key);
    if (record.s3.bucket.name !== config.UPLOAD_BUCKET || !batchId) {
      logger.warn('ignoring an object that is not a batch upload', { bucket: record.s3.bucket.name, key });
      continue;
    }
    logger.appendKeys({ batchId });
    await processUpload(config.UPLOAD_BUCKET, batchId, intake);
  }
});
