import { loadConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { archiveStep } from '../../shared/compliance/services/archive/archive-order.js';
import { archiveLambda } from '../../shared/compliance/steps.js';

const config = loadConfig(archiveLambda.settings);

export const handler = stepHandler(StepInput, ({ orderId }) =>
  archiveStep(orderId, {
    bucket: config.AUDIT_BUCKET,
    signingKeyId: config.SIGNING_KEY_ID,
    defaultRetentionYears: config.DEFAULT_RETENTION_YEARS,
  }),
);
