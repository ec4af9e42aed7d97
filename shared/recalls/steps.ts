import { z } from 'zod';
import { ApprovalPolicy } from '../approvals/schemas/approval-policy.js';
import { jsonOf, tableConfig } from '../platform/config.js';
import { declareStep, TABLE_READ, TABLE_WRITE, type Grant, type StepDeclaration } from '../platform/registry.js';

/** What a recall archiver reads at start: the write-once bucket, the signing key and the default retention of a package. */
export const recallArchiveSettings = tableConfig.extend({
  AUDIT_BUCKET: z.string().min(3),
  SIGNING_KEY_ID: z.string().min(1),
  DEFAULT_RETENTION_YEARS: z.coerce.number().int().min(1),
});

/** Writes recall packages under recalls/ only (objects and their retention), signed with the signing key. */
export const archiveRecallPackages: readonly Grant[] = [
  { kind: 'auditBucket', actions: ['s3:PutObject', 's3:PutObjectRetention'], prefix: 'recalls/*' },
  { kind: 'signingKey', actions: ['kms:Sign'] },
];

/** Containment closes orders (releasing their reservations) and stops their executions. */
export const recallContainStep = declareStep({
  id: 'RecallContain',
  handler: 'recalls/recall-contain',
  purpose: 'Recall containment: puts the recalled lots and serials on hold and stops the open orders holding them',
  workflow: 'recall',
  step: 'contain',
  // The stopped orders' pending approvals are withdrawn in every approver role of the policy.
  settings: tableConfig.extend({ ORDER_STATE_MACHINE_ARN: z.string().min(1), APPROVAL_POLICY: jsonOf(ApprovalPolicy) }),
  grants: [
    // GSI1: the stopped orders' pending approvals are found on it, to withdraw them.
    { kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE], indexes: ['GSI1'] },
    { kind: 'orderExecutions', actions: ['states:StopExecution'] },
  ],
  timeoutSeconds: 50,
});

export const recallNotifyStep = declareStep({
  id: 'RecallNotify',
  handler: 'recalls/recall-notify',
  purpose: 'Recall letters: emails every consignee the notice with its acknowledgement link, through the letters’ configuration set',
  workflow: 'recall',
  step: 'notify',
  settings: tableConfig.extend({ PUBLIC_API_URL: z.string().min(1), SENDER_EMAIL: z.email(), LETTER_CONFIGURATION_SET: z.string().min(1) }),
  grants: [
    { kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] },
    // Sending through a configuration set is authorized on the set too.
    { kind: 'sendEmail', configurationSet: true },
  ],
  // Thousands of consignees are written and written to within one invocation.
  timeoutSeconds: 540,
});

export const recallArchiveStep = declareStep({
  id: 'RecallArchive',
  handler: 'recalls/recall-archive',
  purpose: 'Archives the recall package as a signed, write-once record',
  workflow: 'recall',
  step: 'archive',
  settings: recallArchiveSettings,
  grants: [{ kind: 'table', actions: [...TABLE_READ, 'dynamodb:UpdateItem'] }, ...archiveRecallPackages],
  timeoutSeconds: 50,
});

export const recallFailStep = declareStep({
  id: 'RecallFail',
  handler: 'recalls/recall-fail',
  purpose: 'Marks a recall FAILED after a technical failure; the holds stay',
  workflow: 'recall',
  step: 'fail',
  settings: tableConfig,
  grants: [{ kind: 'table', actions: ['dynamodb:UpdateItem'] }],
});

/** The recalls context's workflow steps (see shared/platform/registry.ts). */
export const recallsSteps: readonly StepDeclaration[] = [recallContainStep, recallNotifyStep, recallArchiveStep, recallFailStep];
