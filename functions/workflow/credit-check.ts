import { tableConfig, loadConfig } from '../../shared/config.js';
import { DecimalAmount } from '../../shared/schemas/common.js';
import { stepHandler } from '../../shared/http/step-handler.js';
import { StepInput } from '../../shared/schemas/workflow.js';
import { creditCheckStep } from '../../shared/services/workflow/credit-check.js';

const config = loadConfig(tableConfig.extend({ ORDER_VALUE_APPROVAL_THRESHOLD: DecimalAmount }));

export const handler = stepHandler(StepInput, ({ orderId }) =>
  creditCheckStep(orderId, { orderValueThreshold: config.ORDER_VALUE_APPROVAL_THRESHOLD }),
);
