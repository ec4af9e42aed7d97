import { CreateRecallRequest, RecallAccepted, RecallAckForm, RecallCloseRequest, RecallPackage, RecallView } from './recall.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const jsonResponse = (description: string, id: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const security = [{ staffToken: [] }];
const recallId = { name: 'recallId', in: 'path', required: true, schema: { type: 'string', pattern: '^RCL-[0-9A-Z]{26}$' } };
const ackId = { name: 'ackId', in: 'path', required: true, schema: { type: 'string' }, description: 'The opaque id from the recall letter' };
const refusals = { '401': { description: 'No or invalid bearer token' }, '403': problemResponse('Not a staff user token, or not in a group allowed on this route') };

/** The recall routes of the OpenAPI document (see openapi.ts). */
export function recallPaths() {
  // Schemas with an id are taken from zod's global registry; these references make sure they are loaded.
  void [CreateRecallRequest, RecallAccepted, RecallView, RecallPackage, RecallAckForm, RecallCloseRequest];
  return {
    '/v1/recalls': {
      post: {
        operationId: 'createRecall',
        summary: 'Recall lots and/or serials of a product (group regulatory): lots go ON_HOLD and serials are held, open orders holding them are stopped, every consignee gets a letter, the package is archived',
        security,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 128 }, description: 'Same key + same body returns the first answer' }],
        requestBody: { required: true, content: { 'application/json': { schema: ref('CreateRecallRequest') } } },
        responses: {
          '202': jsonResponse('Accepted; the recall workflow has started', 'RecallAccepted'),
          '400': problemResponse('Invalid body or missing Idempotency-Key; nothing was written'),
          ...refusals,
          '409': problemResponse('A lot or serial is already under another open recall (named); nothing was written'),
          '422': problemResponse('A lot or serial was never received (each named), or the Idempotency-Key was reused with another body; nothing was written'),
        },
      },
    },
    '/v1/recalls/{recallId}': {
      get: {
        operationId: 'getRecall',
        summary: 'A recall with its progress (consignees notified, letters failed, acknowledged, units) and response time (groups regulatory, compliance, quality)',
        security,
        parameters: [recallId],
        responses: { '200': jsonResponse('The recall', 'Recall'), ...refusals, '404': problemResponse('No such recall') },
      },
    },
    '/v1/recalls/{recallId}/close': {
      post: {
        operationId: 'closeRecall',
        summary: 'Close a completed recall (group regulatory) with an outcome and reason: its claims on lots and serials end and the final package is archived as a new signed version; held stock stays held',
        security,
        parameters: [recallId],
        requestBody: { required: true, content: { 'application/json': { schema: ref('RecallCloseRequest') } } },
        responses: {
          '200': jsonResponse('Closed', 'Recall'),
          '400': problemResponse('Invalid body; nothing was changed'),
          ...refusals,
          '404': problemResponse('No such recall'),
          '409': problemResponse('Not yet completed, already closed, or consignees have not acknowledged (each named in errors) and no override was given; nothing was changed'),
        },
      },
    },
    '/v1/recalls/{recallId}/package': {
      get: {
        operationId: 'getRecallPackage',
        summary: 'The recall package: every consignee with address, contact, quantities per lot and serials, ship dates, order/shipment/invoice numbers, letter and acknowledgement; stock still here; orders stopped',
        security,
        parameters: [recallId],
        responses: { '200': jsonResponse('The package', 'RecallPackage'), ...refusals, '404': problemResponse('No such recall') },
      },
    },
    '/v1/recall-acks/{ackId}': {
      get: {
        operationId: 'showRecallAcknowledgement',
        summary: 'HTML page behind the letter’s link (fits a phone); has no side effect',
        parameters: [ackId],
        responses: { '200': { description: 'The notice and the acknowledgement form', content: { 'text/html': {} } }, '404': { description: 'Unknown link' } },
      },
      post: {
        operationId: 'acknowledgeRecall',
        summary: 'Confirm receipt of the notice with the units still on hand and a contact name; recorded once',
        parameters: [ackId],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: ref('RecallAckForm') }, 'application/json': { schema: ref('RecallAckForm') } },
        },
        responses: {
          '200': { description: 'Acknowledgement recorded' },
          '400': problemResponse('Invalid form'),
          '404': problemResponse('Unknown link'),
          '409': problemResponse('Already acknowledged; the first acknowledgement stands'),
          '422': problemResponse('Serials reported on hand that were not recalled from this consignee, or not as many as the units reported; nothing was recorded'),
        },
      },
    },
  };
}
