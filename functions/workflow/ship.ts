import { stepHandler } from '../../shared/http/step-handler.js';
import { StepInput } from '../../shared/schemas/workflow.js';
import { shipStep } from '../../shared/services/workflow/ship.js';

export const handler = stepHandler(StepInput, ({ orderId }) => shipStep(orderId));
