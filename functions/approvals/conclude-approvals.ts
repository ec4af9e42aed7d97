import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { concludeApprovals } from '../../shared/approvals/services/conclude-approvals.js';
import { concludeApprovalsLambda } from '../../shared/approvals/steps.js';
import { loadCreditSettings } from './credit-settings.js';

const settings = loadCreditSettings(concludeApprovalsLambda);

export const handler = stepHandler(StepInput, ({ orderId }) => concludeApprovals(orderId, settings));
