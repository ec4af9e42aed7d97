import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { priceOrderStep } from '../../shared/master-data/services/price.js';

export const handler = stepHandler(StepInput, ({ orderId }) => priceOrderStep(orderId));
