import { ComplianceDocuments, DetachedSignature, LegalHoldRequest, LegalHoldView, VerifyRequest, VerifyResult } from './compliance.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const jsonResponse = (description: string, id: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const security = [{ staffToken: [] }];
const orderIdParameter = { name: 'orderId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } };
const refusals = {
  '401': { description: 'No or invalid bearer token' },
  '403': problemResponse('Not a staff user token, or the user is not in the compliance group'),
};
const holdBody = { required: true, content: { 'application/json': { schema: ref('LegalHoldRequest') } } };

/** The signed archive's routes of the OpenAPI document (see openapi.ts). */
export function compliancePaths() {
  // Schemas with an id are taken from zod's global registry; these references make sure they are loaded.
  void [ComplianceDocuments, DetachedSignature, LegalHoldRequest, LegalHoldView, VerifyRequest, VerifyResult];
  return {
    '/v1/compliance/documents/{orderId}': {
      get: {
        operationId: 'listArchivedDocuments',
        summary: 'The signed documents of an archived order (JSON record, PDF rendering, detached signatures) with version ids, hashes, retention and legal hold (group compliance)',
        security,
        parameters: [orderIdParameter],
        responses: {
          '200': jsonResponse('The documents the order record names, and every stored object version under the order', 'ComplianceDocuments'),
          '400': problemResponse('Not an order id'),
          ...refusals,
          '404': problemResponse('Nothing archived for this order'),
        },
      },
    },
    '/v1/compliance/documents/{orderId}/legal-hold': {
      put: {
        operationId: 'placeLegalHold',
        summary: 'Place a legal hold on every stored version of the order’s documents, with the reason (group compliance; audited)',
        security,
        parameters: [orderIdParameter],
        requestBody: holdBody,
        responses: {
          '200': jsonResponse('The hold is ON; no version can be deleted, even after its retention, until it is lifted', 'LegalHold'),
          '400': problemResponse('Reason missing or too short; nothing was changed'),
          ...refusals,
          '404': problemResponse('Nothing archived for this order'),
          '409': problemResponse('Someone else changed the hold at the same moment; nothing was changed'),
        },
      },
      delete: {
        operationId: 'liftLegalHold',
        summary: 'Lift the legal hold, with the reason (group compliance; audited). Retention stays as it is',
        security,
        parameters: [orderIdParameter],
        requestBody: holdBody,
        responses: {
          '200': jsonResponse('The hold is OFF', 'LegalHold'),
          '400': problemResponse('Reason missing or too short; nothing was changed'),
          ...refusals,
          '404': problemResponse('Nothing archived for this order'),
          '409': problemResponse('Someone else changed the hold at the same moment; nothing was changed'),
        },
      },
    },
    '/v1/compliance/verify': {
      post: {
        operationId: 'verifyArchivedDocument',
        summary: 'Verify an archived document: KMS signature, object hash, hash recorded on the order, audit chain (group compliance). Read-only',
        security,
        requestBody: { required: true, content: { 'application/json': { schema: ref('VerifyRequest') } } },
        responses: {
          '200': jsonResponse('The report; `valid` is false when any check failed, and the failing check says why', 'VerifyResult'),
          '400': problemResponse('Invalid body'),
          ...refusals,
          '404': problemResponse('The order has no archived record, or no such document or version'),
        },
      },
    },
  };
}
