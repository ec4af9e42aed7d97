import { z } from 'zod';
import { loadConfig, tableConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { RecallStepInput } from '../../shared/recalls/schemas/recall.js';
import { archiveRecall } from '../../shared/recalls/services/archive.js';

const config = loadConfig(
  tableConfig.extend({
    AUDIT_BUCKET: z.string().min(3),
    SIGNING_KEY_ID: z.string().min(1),
    DEFAULT_RETENTION_YEARS: z.coerce.number().int().min(1),
  }),
);

export const handler = stepHandler(RecallStepInput, ({ recallId }) =>
  archiveRecall(
    recallId,
    { bucket: config.AUDIT_BUCKET, signingKeyId: config.SIGNING_KEY_ID, defaultRetentionYears: config.DEFAULT_RETENTION_YEARS },
    'system:recall-archive',
  ),
);
