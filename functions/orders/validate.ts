import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { validateOrder } from '../../shared/orders/services/validate.js';

export const handler = stepHandler(StepInput, ({ orderId }) => validateOrder(orderId));
