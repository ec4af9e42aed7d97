import { tableConfig } from '../platform/config.js';
import { declareFunction, type FunctionDeclaration } from '../platform/registry.js';

/**
 * Delivery status of recall letters: SES publishes the letters' deliveries,
 * bounces and complaints to a topic (infra/recalls/recall-letter-events.ts);
 * this function records them on the letters.
 */
export const recallLetterEventsFunction = declareFunction({
  id: 'RecallLetterEvents',
  handler: 'recalls/recall-letter-events',
  purpose: 'Records the SES delivery reports (delivery, bounce, complaint) of recall letters on the letters',
  settings: tableConfig,
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] }],
});

/** The recalls context's functions that are neither routes nor workflow steps: stream consumers, schedules, notifications (see shared/platform/registry.ts). */
export const recallsFunctions: readonly FunctionDeclaration[] = [recallLetterEventsFunction];
