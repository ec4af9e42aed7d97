import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { RecallFailInput } from '../../shared/recalls/schemas/recall.js';
import { failRecall } from '../../shared/recalls/services/archive.js';

export const handler = stepHandler(RecallFailInput, ({ recallId, error }) => failRecall(recallId, error));
