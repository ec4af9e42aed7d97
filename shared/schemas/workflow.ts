import { z } from 'zod';

const OrderId = z.string().regex(/^ORD-[0-9A-Z]{26,}$/, 'not an order id');

export const StepInput = z.object({ orderId: OrderId });
export const ApprovalTaskInput = z.object({ orderId: OrderId, taskToken: z.string().min(1) });
export const CloseInput = z.object({
  orderId: OrderId,
  status: z.enum(['REJECTED', 'FAILED']),
  reason: z.string().min(1),
});
