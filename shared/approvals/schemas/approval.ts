import { z } from 'zod';
import { ApprovalReason, SignatureMeaning } from './approval-policy.js';

export const ApprovalDecisionForm = z
  .object({
    meaning: SignatureMeaning,
    comment: z.string().trim().max(500).optional(),
    username: z.string().trim().min(1, 'user name is required').max(128),
    password: z.string().min(1, 'password is required').max(256),
    orderContentHash: z.string().regex(/^[0-9a-f]{64}$/, 'the order version being signed is missing; reload the page'),
  })
  .strict()
  .superRefine((form, ctx) => {
    if ((form.meaning === 'REJECTED' || form.meaning === 'RELEASED_FROM_CREDIT_HOLD') && !form.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'a reason is required to reject or to release a credit hold' });
    }
  })
  .meta({ id: 'ApprovalDecisionForm', description: 'Sent as application/x-www-form-urlencoded (the page form) or JSON' });
export type ApprovalDecisionForm = z.infer<typeof ApprovalDecisionForm>;

export const ApprovalDecisionResult = z
  .object({
    approvalId: z.string(),
    orderId: z.string(),
    reason: ApprovalReason,
    meaning: SignatureMeaning,
    meaningText: z.string(),
    signedBy: z.string(),
    signedAt: z.string(),
    orderContentHash: z.string(),
  })
  .meta({ id: 'ApprovalDecisionResult' });
export type ApprovalDecisionResult = z.infer<typeof ApprovalDecisionResult>;

export const PendingApproval = z
  .object({
    approvalId: z.string(),
    orderId: z.string(),
    reason: ApprovalReason,
    role: z.string(),
    level: z.number().int(),
    detail: z.string(),
    expiresAt: z.string(),
    links: z.record(z.string(), z.string()),
  })
  .meta({ id: 'PendingApproval' });
export type PendingApproval = z.infer<typeof PendingApproval>;

export const ApprovalIdParam = z.string().regex(/^[A-Za-z0-9_-]{27}$/, 'not an approval id');
