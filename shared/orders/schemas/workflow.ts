import { z } from 'zod';
import { ApprovalReason } from '../../approvals/schemas/approval-policy.js';
import { OrderId, OrderStatus } from './order.js';

export const StepInput = z.object({ orderId: OrderId });
export const ApprovalRequestInput = z.object({
  orderId: OrderId,
  reason: ApprovalReason,
  role: z.string().min(1),
  detail: z.string(),
  level: z.number().int().min(0),
});
export const ApprovalTaskInput = ApprovalRequestInput.extend({ taskToken: z.string().min(1) });
/** What the workflow's close step is asked for when an order did not succeed (the close rule: shared/orders/domain/closure.ts). */
export const CloseStatus = OrderStatus.extract(['REJECTED', 'FAILED', 'NEEDS_ATTENTION']);
export type CloseStatus = z.infer<typeof CloseStatus>;
export const CloseInput = z.object({
  orderId: OrderId,
  status: CloseStatus,
  reason: z.string().min(1),
});
export const PickTaskInput = StepInput.extend({ taskToken: z.string().min(1) });
