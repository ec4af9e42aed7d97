import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { creditCheckStep } from '../../shared/services/workflow/credit-check.js';
import { loadCreditSettings } from './credit-settings.js';

const settings = loadCreditSettings();

export const handler = stepHandler(StepInput, ({ orderId }) => creditCheckStep(orderId, settings));
