import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { CloseInput } from '../../shared/orders/schemas/workflow.js';
import { closeOrder } from '../../shared/orders/services/close.js';

export const handler = stepHandler(CloseInput, (input) => closeOrder(input));
