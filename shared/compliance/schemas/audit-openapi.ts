import { ChainVerification, ComplianceReport, VerifyChainRequest } from './audit.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const security = [{ staffToken: [] }];
const refusals = {
  '401': { description: 'No or invalid bearer token' },
  '403': problemResponse('Not a staff user token, or the user is not in the compliance group'),
};
const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, schema, description });

/** The compliance routes of the OpenAPI document (see openapi.ts). */
export function auditPaths() {
  void [ChainVerification, ComplianceReport, VerifyChainRequest];
  return {
    '/v1/compliance/records': {
      get: {
        operationId: 'complianceRecords',
        summary: 'Orders, shipments, approvals, signatures and audit events by order, lot, serial, customer, product or time range (group compliance; read-only; the access is itself logged as an audit event)',
        security,
        parameters: [
          query('orderId', 'One order'),
          query('customerId', 'Everything recorded about a customer'),
          query('gtin', 'A product; with lot or serial, that lot or unit', { type: 'string', pattern: '^\\d{14}$' }),
          query('lot', 'A lot of the product named by gtin'),
          query('serial', 'A unit of the product named by gtin'),
          query('from', 'UTC instant; events at or after it', { type: 'string', format: 'date-time' }),
          query('to', 'UTC instant; events at or before it (a range alone spans at most 31 days)', { type: 'string', format: 'date-time' }),
          query('format', 'json (default), csv or pdf', { type: 'string', enum: ['json', 'csv', 'pdf'] }),
        ],
        responses: {
          '200': {
            description: 'The report',
            content: {
              'application/json': { schema: ref('ComplianceReport') },
              'text/csv': { schema: { type: 'string' } },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          '400': problemResponse('No subject and no time range, lot or serial without gtin, more than one subject, or a bad value'),
          ...refusals,
        },
      },
    },
    '/v1/compliance/verify-chain': {
      post: {
        operationId: 'verifyAuditChain',
        summary: 'Recompute an audit chain and compare it with the latest signed checkpoint covering it; reports the first broken link (group compliance)',
        security,
        requestBody: { required: true, content: { 'application/json': { schema: ref('VerifyChainRequest') } } },
        responses: {
          '200': { description: 'The verification, intact or not', content: { 'application/json': { schema: ref('ChainVerification') } } },
          '400': problemResponse('Neither or both of chain and orderId'),
          ...refusals,
        },
      },
    },
  };
}
