import { z } from 'zod';
import { declareFunction, type FunctionDeclaration, type Grant, type TableAction } from '../platform/registry.js';
import { auditTableConfig } from './data/audit/audit-table-settings.js';
import { auditSettingsConfig } from './services/audit/settings.js';

/**
 * Appending is a conditional put of the event and its source claim in one
 * transaction (with, for a new chain, a check that it was never sealed):
 * PutItem is all a writer gets to change anything. The audit table is
 * append-only by grant: nobody gets UpdateItem, DeleteItem or BatchWriteItem.
 */
export const AUDIT_APPEND = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'] as const satisfies readonly TableAction[];

/** Sealed segments of the audit archive (current and named versions), and nothing else of the archive through this grant. */
export const readSealedSegments = {
  kind: 'auditBucket',
  actions: ['s3:GetObject', 's3:GetObjectVersion'],
  prefix: 'audit-segments/*',
} as const satisfies Grant;

/** What a checkpoint writer may do: append to the trail (by-day index included), write checkpoints under audit-checkpoints/ only, and sign. */
const writeCheckpoints: readonly Grant[] = [
  { kind: 'auditTable', actions: AUDIT_APPEND, indexes: ['ByDay'] },
  { kind: 'auditBucket', actions: ['s3:PutObject'], prefix: 'audit-checkpoints/*' },
  { kind: 'signingKey', actions: ['kms:Sign'] },
];

/** The audit table, the write-once bucket and the signing key: what a checkpoint writer reads at start. */
const checkpointSettings = auditTableConfig.extend(auditSettingsConfig.shape);

/** The table stream's audit consumer: one hash-chained event per business change (infra/compliance/audit-trail.ts wires the stream). */
export const recordChangesFunction = declareFunction({
  id: 'RecordChanges',
  handler: 'compliance/record-changes',
  purpose: 'Table stream -> hash-chained audit events; checkpoint when an order completes; keeps records it cannot append',
  // The kept-records queue is the audit trail construct's own (infra/compliance/audit-trail.ts): it binds the URL and grants SendMessage.
  settings: checkpointSettings.extend({ KEPT_RECORDS_QUEUE_URL: z.string().min(1) }),
  grants: [...writeCheckpoints, { kind: 'tableStream' }],
  timeoutSeconds: 60,
});

/**
 * Run on demand (`aws lambda invoke`, see docs/contexts/compliance.md): feeds
 * the stream records the audit consumer kept back through the same append,
 * and removes each once it is in the trail. Its queue grant (receive, delete)
 * is bound by infra/compliance/audit-trail.ts.
 */
export const replayKeptRecordsFunction = declareFunction({
  id: 'ReplayKeptRecords',
  handler: 'compliance/replay-kept-records',
  purpose: 'On demand: appends the stream records the audit consumer kept (idempotent) and removes them from the kept-records queue',
  settings: auditTableConfig.extend({ KEPT_RECORDS_QUEUE_URL: z.string().min(1) }),
  grants: [{ kind: 'auditTable', actions: AUDIT_APPEND, indexes: ['ByDay'] }],
  timeoutSeconds: 600,
});

/** The hourly checkpoint (infra/compliance/audit-trail.ts schedules it). */
export const checkpointFunction = declareFunction({
  id: 'Checkpoint',
  handler: 'compliance/checkpoint',
  purpose: 'Hourly: signs the heads of the audit chains changed since the last checkpoint',
  settings: checkpointSettings,
  grants: writeCheckpoints,
  timeoutSeconds: 120,
});

/**
 * The audit archive's sealer (infra/compliance/audit-archive.ts schedules it,
 * one at a time): seals closed UTC days into signed, COMPLIANCE-locked segment
 * objects with a manifest item each. It reads the audit table (chains and the
 * by-day index), puts manifests only if absent (never updates or deletes),
 * writes objects under audit-segments/ only, and signs with the signing key.
 */
export const sealFunction = declareFunction({
  id: 'Seal',
  handler: 'compliance/seal-archive',
  purpose: 'Hourly: seals closed days of the audit trail into signed Object Lock segments',
  settings: checkpointSettings.extend({
    AUDIT_RETENTION_YEARS: z.coerce.number().int().min(1),
    AUDIT_ARCHIVE_RETENTION_YEARS: z.coerce.number().int().min(1),
  }),
  grants: [
    { kind: 'auditTable', actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], indexes: ['ByDay'] },
    { kind: 'auditBucket', actions: ['s3:PutObject', 's3:PutObjectRetention'], prefix: 'audit-segments/*' },
    { kind: 'signingKey', actions: ['kms:Sign'] },
  ],
  memorySize: 1024,
  timeoutSeconds: 600,
});

/** The compliance context's functions that are neither routes nor workflow steps: stream consumers, schedules, notifications (see shared/platform/registry.ts). */
export const complianceFunctions: readonly FunctionDeclaration[] = [recordChangesFunction, replayKeptRecordsFunction, checkpointFunction, sealFunction];
