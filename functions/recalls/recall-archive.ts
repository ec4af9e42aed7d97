import { loadConfig } from '../../shared/platform/config.js';
import { recallArchiveStep } from '../../shared/recalls/steps.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { RecallStepInput } from '../../shared/recalls/schemas/recall.js';
import { archiveRecall } from '../../shared/recalls/services/archive.js';

const config = loadConfig(recallArchiveStep.settings);

export const handler = stepHandler(RecallStepInput, ({ recallId }) =>
  archiveRecall(
    recallId,
    { bucket: config.AUDIT_BUCKET, signingKeyId: config.SIGNING_KEY_ID, defaultRetentionYears: config.DEFAULT_RETENTION_YEARS },
    'system:recall-archive',
  ),
);
