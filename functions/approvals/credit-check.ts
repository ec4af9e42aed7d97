import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { creditCheckStep } from '../../shared/approvals/services/credit-check.js';
import { creditCheckLambda } from '../../shared/approvals/steps.js';
import { loadCreditSettings } from './credit-settings.js';

const settings = loadCreditSettings(creditCheckLambda);

export const handler = stepHandler(StepInput, ({ orderId }) => creditCheckStep(orderId, settings));
