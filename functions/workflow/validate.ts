import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/schemas/workflow.js';
import { validateOrder } from '../../shared/services/workflow/validate.js';

export const handler = stepHandler(StepInput, ({ orderId }) => validateOrder(orderId));
