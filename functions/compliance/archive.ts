import { z } from 'zod';
import { tableConfig, loadConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { archiveStep } from '../../shared/compliance/services/archive/archive-order.js';

const config = loadConfig(
  tableConfig.extend({
    AUDIT_BUCKET: z.string().min(3),
    SIGNING_KEY_ID: z.string().min(1),
    DEFAULT_RETENTION_YEARS: z.coerce.number().int().min(1),
  }),
);

export const handler = stepHandler(StepInput, ({ orderId }) =>
  archiveStep(orderId, {
    bucket: config.AUDIT_BUCKET,
    signingKeyId: config.SIGNING_KEY_ID,
    defaultRetentionYears: config.DEFAULT_RETENTION_YEARS,
  }),
);
