import { z } from 'zod';
import { tableConfig } from '../platform/config.js';
import { declareStep, TABLE_READ, TABLE_WRITE, type StepDeclaration } from '../platform/registry.js';

export const archiveLambda = declareStep({
  id: 'Archive',
  handler: 'compliance/archive',
  purpose: 'Order workflow: writes the order’s record to the write-once bucket as canonical JSON and PDF, each with a KMS signature',
  workflow: 'order',
  step: 'archive',
  settings: tableConfig.extend({
    AUDIT_BUCKET: z.string().min(3),
    SIGNING_KEY_ID: z.string().min(1),
    DEFAULT_RETENTION_YEARS: z.coerce.number().int().min(1),
  }),
  grants: [
    // Like every order-workflow step: read and write on the whole table, no index.
    { kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] },
    // The order records go under orders/ only, with their retention.
    { kind: 'auditBucket', actions: ['s3:PutObject', 's3:PutObjectRetention'], prefix: 'orders/*' },
    { kind: 'signingKey', actions: ['kms:Sign'] },
  ],
});

/** The compliance context's workflow steps (see shared/platform/registry.ts). */
export const complianceSteps: readonly StepDeclaration[] = [archiveLambda];
