import { z } from 'zod';
import { groupList, tableConfig } from '../platform/config.js';
import { jsonBody, jsonResponse, pathParameter, problemResponse, schemaRef, idempotencyKeyParameter } from '../platform/openapi/operations.js';
import { declareRoute, TABLE_READ, type RouteDeclaration } from '../platform/registry.js';
import { STAFF_GROUPS } from '../platform/staff-groups.js';
import {
  CreateRecallRequest,
  RecallAccepted,
  RecallAckForm,
  RecallAckId,
  RecallCloseRequest,
  RecallIdParam,
  RecallPackage,
  RecallView,
} from './schemas/recall.js';
import { archiveRecallPackages, recallArchiveSettings } from './steps.js';

/** Who may start a recall (the approval policy's regulatory role) and who may follow one. */
const RECALL_ACCESS = {
  start: ['regulatory'],
  close: ['regulatory'],
  read: ['regulatory', STAFF_GROUPS.compliance, STAFF_GROUPS.quality],
} as const;

const recallId = pathParameter('recallId', RecallIdParam);
const ackId = pathParameter('ackId', RecallAckId, 'The opaque id from the recall letter');

/** How long a letter's link takes acknowledgements: days after the recall was issued (CDK context `recallAckLinkDays`). */
const ackLinkSettings = { RECALL_ACK_LINK_DAYS: z.coerce.number().int().positive() };

/** Consignees reach the acknowledgement from the letter, in a browser, without a token. */
const OPEN_BECAUSE =
  'Open by design: consignees reach the acknowledgement from the recall letter’s link (an opaque 160-bit id); GET changes nothing, POST records one acknowledgement once.';

export const createRecallRoute = declareRoute({
  id: 'CreateRecall',
  handler: 'recalls/create-recall',
  purpose: 'Starts a recall of lots and/or serials of a product: the recall record, its claims and its workflow',
  settings: tableConfig.extend({ RECALL_STATE_MACHINE_ARN: z.string().min(1), ALLOWED_GROUPS: groupList }),
  grants: [
    // Idempotency records (Powertools) live in the same table.
    { kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'] },
    { kind: 'recallWorkflow', actions: ['states:StartExecution'] },
  ],
  auth: 'staff',
  groups: RECALL_ACCESS.start,
  routes: [
    {
      method: 'POST',
      path: '/v1/recalls',
      operation: {
        operationId: 'createRecall',
        summary:
          'Recall lots and/or serials of a product (group regulatory): lots go ON_HOLD and serials are held, open orders holding them are stopped, every consignee gets a letter, the package is archived',
        parameters: [idempotencyKeyParameter('Same key + same body returns the first answer')],
        requestBody: jsonBody(CreateRecallRequest),
        responses: {
          '202': jsonResponse('Accepted; the recall workflow has started', RecallAccepted),
          '400': problemResponse('Invalid body or missing Idempotency-Key; nothing was written'),
          '409': problemResponse('A lot or serial is already under another open recall (named); nothing was written'),
          '422': problemResponse('A lot or serial was never received (each named), or the Idempotency-Key was reused with another body; nothing was written'),
        },
      },
    },
  ],
});

export const getRecallRoute = declareRoute({
  id: 'GetRecall',
  handler: 'recalls/get-recall',
  purpose: 'A recall with its progress, or its package (consignees, quantities, documents, letters and acknowledgements)',
  settings: tableConfig.extend({ ALLOWED_GROUPS: groupList }),
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query'] }],
  auth: 'staff',
  groups: RECALL_ACCESS.read,
  routes: [
    {
      method: 'GET',
      path: '/v1/recalls/{recallId}',
      operation: {
        operationId: 'getRecall',
        summary:
          'A recall with its progress (consignees notified, letters failed, acknowledged, units) and response time (groups regulatory, compliance, quality)',
        parameters: [recallId],
        responses: { '200': jsonResponse('The recall', RecallView), '404': problemResponse('No such recall') },
      },
    },
    {
      method: 'GET',
      path: '/v1/recalls/{recallId}/package',
      operation: {
        operationId: 'getRecallPackage',
        summary:
          'The recall package: every consignee with address, contact, quantities per lot and serials, ship dates, order/shipment/invoice numbers, letter and acknowledgement; stock still here; orders stopped',
        parameters: [recallId],
        responses: { '200': jsonResponse('The package', RecallPackage), '404': problemResponse('No such recall') },
      },
    },
  ],
});

export const closeRecallRoute = declareRoute({
  id: 'CloseRecall',
  handler: 'recalls/close-recall',
  purpose: 'Closes a completed recall with an outcome: its claims end and the final package is archived as a new signed version',
  settings: recallArchiveSettings.extend({ ALLOWED_GROUPS: groupList }),
  grants: [
    // The close transaction updates the recall and deletes its claims.
    { kind: 'table', actions: [...TABLE_READ, 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] },
    ...archiveRecallPackages,
  ],
  timeoutSeconds: 30,
  auth: 'staff',
  groups: RECALL_ACCESS.close,
  routes: [
    {
      method: 'POST',
      path: '/v1/recalls/{recallId}/close',
      operation: {
        operationId: 'closeRecall',
        summary:
          'Close a completed recall (group regulatory) with an outcome and reason: its claims on lots and serials end and the final package is archived as a new signed version; held stock stays held',
        parameters: [recallId],
        requestBody: jsonBody(RecallCloseRequest),
        responses: {
          '200': jsonResponse('Closed', RecallView),
          '400': problemResponse('Invalid body; nothing was changed'),
          '404': problemResponse('No such recall'),
          '409': problemResponse(
            'Not yet completed, already closed, or consignees have not acknowledged (each named in errors) and no override was given; nothing was changed',
          ),
        },
      },
    },
  ],
});

export const recallAckPageRoute = declareRoute({
  id: 'RecallAckPage',
  handler: 'recalls/recall-ack-page',
  purpose: 'The recall acknowledgement page behind the letter’s link',
  settings: tableConfig.extend(ackLinkSettings),
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'] }],
  auth: 'link',
  openBecause: OPEN_BECAUSE,
  routes: [
    {
      method: 'GET',
      path: '/v1/recall-acks/{ackId}',
      operation: {
        operationId: 'showRecallAcknowledgement',
        summary: 'HTML page behind the letter’s link (fits a phone); has no side effect',
        parameters: [ackId],
        responses: {
          '200': { description: 'The notice and the acknowledgement form', content: { 'text/html': {} } },
          '404': { description: 'Unknown link', content: { 'text/html': {} } },
          '410': { description: 'The recall is closed or the link has expired', content: { 'text/html': {} } },
        },
      },
    },
  ],
});

export const recallAckRoute = declareRoute({
  id: 'RecallAck',
  handler: 'recalls/recall-ack',
  // Signs nothing: the recall archiver (RecallAckArchive, no route) archives the package again from the recorded acknowledgement.
  purpose: 'Records a consignee’s acknowledgement of a recall once (the recall archiver then signs the updated package)',
  settings: tableConfig.extend(ackLinkSettings),
  grants: [{ kind: 'table', actions: [...TABLE_READ, 'dynamodb:UpdateItem'] }],
  auth: 'link',
  openBecause: OPEN_BECAUSE,
  routes: [
    {
      method: 'POST',
      path: '/v1/recall-acks/{ackId}',
      operation: {
        operationId: 'acknowledgeRecall',
        summary: 'Confirm receipt of the notice with the units still on hand and a contact name; recorded once',
        parameters: [ackId],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: schemaRef(RecallAckForm) }, 'application/json': { schema: schemaRef(RecallAckForm) } },
        },
        responses: {
          '200': { description: 'Acknowledgement recorded' },
          '400': problemResponse('Invalid form'),
          '404': problemResponse('Unknown link'),
          '409': problemResponse('Already acknowledged; the first acknowledgement stands'),
          '410': problemResponse('The recall is closed or the link has expired; nothing was recorded'),
          '422': problemResponse(
            'Serials reported on hand that were not recalled from this consignee, or not as many as the units reported; nothing was recorded',
          ),
        },
      },
    },
  ],
});

/** The recalls context's HTTP routes (see shared/platform/registry.ts). */
export const recallsRoutes: readonly RouteDeclaration[] = [createRecallRoute, getRecallRoute, closeRecallRoute, recallAckPageRoute, recallAckRoute];
