import { z } from 'zod';

export const ApprovalDecisionForm = z
  .object({
    decision: z.enum(['approve', 'reject'], 'decision must be "approve" or "reject"'),
    reason: z.string().trim().min(3, 'give a reason for the decision').max(500),
    username: z.string().trim().min(1, 'user name is required').max(128),
    password: z.string().min(1, 'password is required').max(256),
  })
  .strict()
  .meta({ id: 'ApprovalDecisionForm', description: 'Sent as application/x-www-form-urlencoded or JSON' });
export type ApprovalDecisionForm = z.infer<typeof ApprovalDecisionForm>;

export const ApprovalDecisionResult = z
  .object({
    approvalId: z.string(),
    orderId: z.string(),
    decision: z.enum(['APPROVED', 'REJECTED']),
    signedBy: z.string(),
    signedAt: z.string(),
    meaning: z.string(),
  })
  .meta({ id: 'ApprovalDecisionResult' });
export type ApprovalDecisionResult = z.infer<typeof ApprovalDecisionResult>;

export const ApprovalIdParam = z.string().regex(/^[A-Za-z0-9_-]{27}$/, 'not an approval id');
