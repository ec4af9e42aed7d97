import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { invoiceStep } from '../../shared/receivables/services/invoice-order.js';

export const handler = stepHandler(StepInput, ({ orderId }) => invoiceStep(orderId));
