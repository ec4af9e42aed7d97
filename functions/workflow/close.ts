import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { CloseInput } from '../../shared/schemas/workflow.js';
import { closeOrder } from '../../shared/services/workflow/close.js';

export const handler = stepHandler(CloseInput, (input) => closeOrder(input));
