import { z } from 'zod';
import { jsonOf, tableConfig } from '../platform/config.js';
import { declareStep, TABLE_READ, TABLE_WRITE, type StepDeclaration } from '../platform/registry.js';
import { ApprovalPolicy } from './schemas/approval-policy.js';

// Every order-workflow step may read and write the whole table (TABLE_READ +
// TABLE_WRITE), not only the items its step touches; indexes only where named.

/** The credit check and the conclusion after the approvers assess credit the same way (functions/approvals/credit-settings.ts). */
const creditSettings = tableConfig.extend({ APPROVAL_POLICY: jsonOf(ApprovalPolicy), OVERDUE_GRACE_DAYS: z.coerce.number().int().min(0) });

export const creditCheckLambda = declareStep({
  id: 'CreditCheck',
  handler: 'approvals/credit-check',
  purpose: 'Order workflow: checks exposure against the credit limit and decides which approvals the order needs',
  workflow: 'order',
  step: 'creditCheck',
  settings: creditSettings,
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE], indexes: ['GSI1'] }],
});

export const requestApprovalLambda = declareStep({
  id: 'RequestApproval',
  handler: 'approvals/request-approval',
  purpose: 'Order workflow: parks the task token under an opaque approval id and emails the role holders a link',
  workflow: 'order',
  step: 'requestApproval',
  settings: tableConfig.extend({
    PUBLIC_API_URL: z.url(),
    SENDER_EMAIL: z.email(),
    APPROVER_EMAIL: z.email(),
    USER_POOL_ID: z.string().min(1),
    APPROVAL_TIMEOUT_SECONDS: z.coerce.number().int().positive(),
  }),
  grants: [
    { kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE] },
    // The approvers to email: the users holding the approval's role (a user-pool group).
    { kind: 'userPool', actions: ['cognito-idp:ListUsersInGroup'] },
    { kind: 'sendEmail' },
  ],
});

export const escalateApprovalLambda = declareStep({
  id: 'EscalateApproval',
  handler: 'approvals/escalate-approval',
  purpose: 'Order workflow: an unanswered approval stops working and moves to the next role in the chain, or expires at its end',
  workflow: 'order',
  step: 'escalateApproval',
  settings: tableConfig.extend({ APPROVAL_POLICY: jsonOf(ApprovalPolicy) }),
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE], indexes: ['GSI1'] }],
});

export const concludeApprovalsLambda = declareStep({
  id: 'ConcludeApprovals',
  handler: 'approvals/conclude-approvals',
  purpose:
    'Order workflow: after the approvers, applies credit and the approval policy again and checks every needed approval is signed over the current order',
  workflow: 'order',
  step: 'concludeApprovals',
  settings: creditSettings,
  grants: [{ kind: 'table', actions: [...TABLE_READ, ...TABLE_WRITE], indexes: ['GSI1'] }],
});

/** The approvals context's workflow steps (see shared/platform/registry.ts). */
export const approvalsSteps: readonly StepDeclaration[] = [creditCheckLambda, requestApprovalLambda, escalateApprovalLambda, concludeApprovalsLambda];
