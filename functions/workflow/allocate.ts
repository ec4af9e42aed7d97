import { stepHandler } from '../../shared/http/step-handler.js';
import { StepInput } from '../../shared/schemas/workflow.js';
import { allocateStep } from '../../shared/services/workflow/allocate.js';

export const handler = stepHandler(StepInput, ({ orderId }) => allocateStep(orderId));
