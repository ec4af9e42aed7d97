import { loadConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { PickTaskInput } from '../../shared/orders/schemas/workflow.js';
import { requestPick } from '../../shared/inventory/services/request-pick.js';
import { requestPickLambda } from '../../shared/inventory/steps.js';

const config = loadConfig(requestPickLambda.settings);

export const handler = stepHandler(PickTaskInput, (task) => requestPick(task, { timeoutSeconds: config.PICK_TIMEOUT_SECONDS }));
