import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { RecallFailInput } from '../../shared/schemas/recall.js';
import { failRecall } from '../../shared/services/recall/archive.js';

export const handler = stepHandler(RecallFailInput, ({ recallId, error }) => failRecall(recallId, error));
