import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { AcknowledgeOrderInput } from '../../shared/schemas/edi.js';
import { acknowledgeOrderStep } from '../../shared/services/workflow/acknowledge-order.js';

export const handler = stepHandler(AcknowledgeOrderInput, ({ orderId, rejection }) => acknowledgeOrderStep(orderId, rejection));
