import { z } from 'zod';
import { groupList, tableConfig } from '../platform/config.js';
import { inlineSchema, jsonBody, jsonResponse, pathParameter, problemResponse, schemaRef } from '../platform/openapi/operations.js';
import { declareRoute, type RouteDeclaration } from '../platform/registry.js';
import { STAFF_GROUPS } from '../platform/staff-groups.js';
import { AUDIT_APPEND, readSealedSegments } from './functions.js';
import { ChainVerification, ComplianceQuery, ComplianceReport, VerifyChainRequest } from './schemas/audit.js';
import { ComplianceDocuments, LegalHoldRequest, LegalHoldView, OrderIdParam, VerifyRequest, VerifyResult } from './schemas/compliance.js';
import { auditTableConfig } from './data/audit/audit-table-settings.js';

/** Only the compliance function may see the archive, hold it, verify it, or query the audit trail. */
const COMPLIANCE_ACCESS = [STAFF_GROUPS.compliance];

/** Settings every compliance archive function reads at start. */
const complianceSettings = tableConfig.extend({ ALLOWED_GROUPS: groupList, AUDIT_BUCKET: z.string().min(3) });

const orderIdParameter = pathParameter('orderId', OrderIdParam);
const refusals = {
  '403': problemResponse('Not a staff user token, or the user is not in the compliance group'),
};
const holdResponses = (done: string) => ({
  '200': jsonResponse(done, LegalHoldView),
  '400': problemResponse('Reason missing or too short; nothing was changed'),
  ...refusals,
  '404': problemResponse('Nothing archived for this order'),
  '409': problemResponse('Someone else changed the hold at the same moment; nothing was changed'),
});

/*
 * The signed archive for compliance staff: list an order's documents with
 * their versions and lock state, place and lift legal holds, verify a
 * document. Each function may read the archive under orders/ only; none may
 * write an object, change retention or delete (and legal hold is the only
 * lock setting any of them can change).
 */

export const complianceDocumentsRoute = declareRoute({
  id: 'ComplianceDocuments',
  handler: 'compliance/compliance-documents',
  purpose: 'The signed documents of an archived order with their versions, hashes, retention and legal hold',
  settings: complianceSettings,
  grants: [
    { kind: 'table', actions: ['dynamodb:GetItem'] },
    // HeadObject of a version returns its retention and legal hold only to a caller allowed to read them.
    {
      kind: 'auditBucket',
      actions: ['s3:ListBucketVersions', 's3:GetObject', 's3:GetObjectVersion', 's3:GetObjectRetention', 's3:GetObjectLegalHold'],
      prefix: 'orders/*',
    },
  ],
  auth: 'staff',
  groups: COMPLIANCE_ACCESS,
  routes: [
    {
      method: 'GET',
      path: '/v1/compliance/documents/{orderId}',
      operation: {
        operationId: 'listArchivedDocuments',
        summary:
          'The signed documents of an archived order (JSON record, PDF rendering, detached signatures) with version ids, hashes, retention and legal hold (group compliance)',
        parameters: [orderIdParameter],
        responses: {
          '200': jsonResponse('The documents the order record names, and every stored object version under the order', ComplianceDocuments),
          '400': problemResponse('Not an order id'),
          ...refusals,
          '404': problemResponse('Nothing archived for this order'),
        },
      },
    },
  ],
});

export const legalHoldRoute = declareRoute({
  id: 'LegalHold',
  handler: 'compliance/legal-hold',
  purpose: 'Places or lifts the legal hold on every stored version of an archived order’s documents (audited)',
  settings: complianceSettings,
  grants: [
    { kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
    // The only lock setting any compliance function can change; retention stays as it is.
    { kind: 'auditBucket', actions: ['s3:ListBucketVersions', 's3:PutObjectLegalHold'], prefix: 'orders/*' },
  ],
  auth: 'staff',
  groups: COMPLIANCE_ACCESS,
  routes: [
    {
      method: 'PUT',
      path: '/v1/compliance/documents/{orderId}/legal-hold',
      operation: {
        operationId: 'placeLegalHold',
        summary: 'Place a legal hold on every stored version of the order’s documents, with the reason (group compliance; audited)',
        parameters: [orderIdParameter],
        requestBody: jsonBody(LegalHoldRequest),
        responses: holdResponses('The hold is ON; no version can be deleted, even after its retention, until it is lifted'),
      },
    },
    {
      method: 'DELETE',
      path: '/v1/compliance/documents/{orderId}/legal-hold',
      operation: {
        operationId: 'liftLegalHold',
        summary: 'Lift the legal hold, with the reason (group compliance; audited). Retention stays as it is',
        parameters: [orderIdParameter],
        requestBody: jsonBody(LegalHoldRequest),
        responses: holdResponses('The hold is OFF'),
      },
    },
  ],
});

export const verifyDocumentRoute = declareRoute({
  id: 'VerifyDocument',
  handler: 'compliance/verify-document',
  purpose: 'Verifies an archived document: KMS signature, object hash, hash recorded on the order, audit chain (read-only)',
  settings: complianceSettings.extend({ SIGNING_KEY_ID: z.string().min(1), ...auditTableConfig.shape }),
  grants: [
    { kind: 'table', actions: ['dynamodb:GetItem'] },
    { kind: 'auditBucket', actions: ['s3:GetObject', 's3:GetObjectVersion'], prefix: 'orders/*' },
    { kind: 'signingKey', actions: ['kms:GetPublicKey'] },
    // The order's audit chain: its events (read only) and the signed checkpoint that seals it.
    { kind: 'auditTable', actions: ['dynamodb:GetItem', 'dynamodb:Query'] },
    { kind: 'auditBucket', actions: ['s3:GetObject'], prefix: 'audit-checkpoints/*' },
    { kind: 'signingKey', actions: ['kms:Verify'] },
    // Sealed events of the chain are checked in the archive's segments.
    readSealedSegments,
  ],
  auth: 'staff',
  groups: COMPLIANCE_ACCESS,
  routes: [
    {
      method: 'POST',
      path: '/v1/compliance/verify',
      operation: {
        operationId: 'verifyArchivedDocument',
        summary: 'Verify an archived document: KMS signature, object hash, hash recorded on the order, audit chain (group compliance). Read-only',
        requestBody: jsonBody(VerifyRequest),
        responses: {
          '200': jsonResponse('The report; `valid` is false when any check failed, and the failing check says why', VerifyResult),
          '400': problemResponse('Invalid body'),
          ...refusals,
          '404': problemResponse('The order has no archived record, or no such document or version'),
        },
      },
    },
  ],
});

const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

/**
 * The compliance queries of the audit trail (built by infra/compliance/audit-trail.ts):
 * read-only on the table and the archive, but every access is itself appended
 * to the audit trail, so it holds the same append grant as the trail's writers.
 */
export const complianceQueryRoute = declareRoute({
  id: 'Compliance',
  handler: 'compliance/compliance',
  purpose: 'Compliance queries, exports and chain verification (read-only; every access logged)',
  settings: tableConfig.extend({ ...auditTableConfig.shape, AUDIT_BUCKET: z.string().min(1), ALLOWED_GROUPS: groupList }),
  grants: [
    { kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] },
    { kind: 'auditTable', actions: AUDIT_APPEND, indexes: ['ByDay', 'ByCustomer', 'ByProduct'] },
    // Archived order records (orders/) and signed checkpoints (audit-checkpoints/) only.
    { kind: 'auditBucket', actions: ['s3:GetObject'], prefix: 'orders/*' },
    { kind: 'auditBucket', actions: ['s3:GetObject'], prefix: 'audit-checkpoints/*' },
    { kind: 'signingKey', actions: ['kms:Verify'] },
    readSealedSegments,
  ],
  memorySize: 1024,
  timeoutSeconds: 29,
  auth: 'staff',
  groups: COMPLIANCE_ACCESS,
  routes: [
    {
      method: 'GET',
      path: '/v1/compliance/records',
      operation: {
        operationId: 'complianceRecords',
        summary:
          'Orders, shipments, approvals, signatures and audit events by order, lot, serial, customer, product or time range (group compliance; read-only; the access is itself logged as an audit event)',
        parameters: [
          // Each filter as the handler checks it (ComplianceQuery); the rules across filters are in the 400.
          query('orderId', 'One order', inlineSchema(ComplianceQuery.shape.orderId.unwrap())),
          query('customerId', 'Everything recorded about a customer', inlineSchema(ComplianceQuery.shape.customerId.unwrap())),
          query('gtin', 'A product; with lot or serial, that lot or unit', inlineSchema(ComplianceQuery.shape.gtin.unwrap())),
          query('lot', 'A lot of the product named by gtin', inlineSchema(ComplianceQuery.shape.lot.unwrap())),
          query('serial', 'A unit of the product named by gtin', inlineSchema(ComplianceQuery.shape.serial.unwrap())),
          query('from', 'UTC instant; events at or after it', inlineSchema(ComplianceQuery.shape.from.unwrap())),
          query('to', 'UTC instant; events at or before it (a range alone spans at most 31 days)', inlineSchema(ComplianceQuery.shape.to.unwrap())),
          query('format', 'json (default), csv or pdf', inlineSchema(ComplianceQuery.shape.format)),
        ],
        responses: {
          '200': {
            description: 'The report',
            content: {
              'application/json': { schema: schemaRef(ComplianceReport) },
              'text/csv': { schema: { type: 'string' } },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          '400': problemResponse('No subject and no time range, lot or serial without gtin, more than one subject, or a bad value'),
          ...refusals,
        },
      },
    },
    {
      method: 'POST',
      path: '/v1/compliance/verify-chain',
      operation: {
        operationId: 'verifyAuditChain',
        summary: 'Recompute an audit chain and compare it with the latest signed checkpoint covering it; reports the first broken link (group compliance)',
        requestBody: jsonBody(VerifyChainRequest),
        responses: {
          '200': jsonResponse('The verification, intact or not', ChainVerification),
          '400': problemResponse('Neither or both of chain and orderId'),
          ...refusals,
        },
      },
    },
  ],
});

/** The signed archive's routes (built together as the Compliance construct of the stack). */
export const archiveRoutes = [complianceDocumentsRoute, legalHoldRoute, verifyDocumentRoute];

/** The compliance context's HTTP routes (see shared/platform/registry.ts). */
export const complianceRoutes: readonly RouteDeclaration[] = [...archiveRoutes, complianceQueryRoute];
