import { z } from 'zod';
import { tableConfig } from '../platform/config.js';
import { declareFunction, type FunctionDeclaration } from '../platform/registry.js';
import { placingSettings } from '../orders/schemas/intake-settings.js';

/**
 * Started by the batch upload bucket's notifications (uploads/ and
 * continuations/; the BatchChannel construct owns the bucket, its
 * notifications and binds UPLOAD_BUCKET): places a large upload's orders in
 * runs and continues itself through a continuation object.
 */
export const batchProcessorFunction = declareFunction({
  id: 'BatchProcessor',
  handler: 'channels/batch-process-upload',
  purpose: 'Places the orders of a large batch upload in runs, continuing itself through continuation objects',
  settings: placingSettings.extend({ UPLOAD_BUCKET: z.string().min(1) }),
  grants: [
    // BatchGetItem: the intake checks read the lines' products (and likely intended GTINs) in one call.
    {
      kind: 'table',
      actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem', 'dynamodb:Query'],
    },
    { kind: 'orderWorkflow', actions: ['states:StartExecution'] },
    { kind: 'uploadBucket', actions: ['s3:GetObject'], prefix: 'uploads/*', reason: 'Reads stored uploads, one object per batch named by its id.' },
    {
      kind: 'uploadBucket',
      actions: ['s3:PutObject'],
      prefix: 'continuations/*',
      reason: 'Writes the empty continuation objects that start its next run; nothing else in the bucket.',
    },
  ],
  timeoutSeconds: 300,
});

/** The channels context's functions that are neither routes nor workflow steps: stream consumers, schedules, notifications (see shared/platform/registry.ts). */
export const channelsFunctions: readonly FunctionDeclaration[] = [batchProcessorFunction];
