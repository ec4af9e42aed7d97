import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { AcknowledgeOrderInput } from '../../shared/channels/schemas/edi.js';
import { acknowledgeOrderStep } from '../../shared/channels/services/edi/acknowledge-order.js';

export const handler = stepHandler(AcknowledgeOrderInput, ({ orderId, rejection }) => acknowledgeOrderStep(orderId, rejection));
