import { tableConfig } from '../platform/config.js';
import { declareFunction, TABLE_READ, type FunctionDeclaration } from '../platform/registry.js';
import { archiveRecallPackages, recallArchiveSettings } from './steps.js';

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

/**
 * The recall archiver behind the acknowledgement links: the link's public
 * function records an acknowledgement and signs nothing; the table stream's
 * publisher puts RecallAcknowledged on the bus and a rule invokes this
 * function, which signs a new version of the completed recall's package.
 * No link or public route holds the signing key.
 */
export const recallAckArchiveFunction = declareFunction({
  id: 'RecallAckArchive',
  handler: 'recalls/recall-ack-archive',
  purpose: 'On RecallAcknowledged (bus): archives the completed recall’s package again as a new signed, locked version',
  settings: recallArchiveSettings,
  grants: [{ kind: 'table', actions: [...TABLE_READ, 'dynamodb:UpdateItem'] }, ...archiveRecallPackages],
  timeoutSeconds: 60,
});

/** The recalls context's functions that are neither routes nor workflow steps: stream consumers, schedules, notifications (see shared/platform/registry.ts). */
export const recallsFunctions: readonly FunctionDeclaration[] = [recallLetterEventsFunction, recallAckArchiveFunction];
