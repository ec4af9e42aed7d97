import { z } from 'zod';
import { ApprovalDecisionForm, ApprovalDecisionResult, PendingApproval } from '../approvals/schemas/approval.js';
import { ProblemDetails } from '../platform/schemas/common.js';
import { CancelRequest, IntakeConflict, MergeRequest, OrderAccepted, OrderView, PlaceOrderRequest, ResolutionResult } from '../orders/schemas/order.js';
import { declaredPaths, type DeclaredPaths } from './declared-paths.js';
import { ROUTE_DECLARATIONS } from './registry.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate
 * requests, so the published contract cannot drift from the code.
 */
export function openApiDocument() {
  // Every schema given an id with .meta({ id }) is in zod's global registry; these imports make sure they are loaded.
  void [PlaceOrderRequest, OrderAccepted, OrderView, IntakeConflict, MergeRequest, CancelRequest, ResolutionResult, ProblemDetails, ApprovalDecisionForm, ApprovalDecisionResult, PendingApproval];
  const { schemas: generated } = z.toJSONSchema(z.globalRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
    io: 'input',
    unrepresentable: 'any',
  });
  const schemas = Object.fromEntries(
    Object.entries(generated).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'Medical-device order-to-cash API',
      version: '1.0.0',
      description:
        'Sales channels post orders; each order runs through validation, pricing, credit check, approval, FEFO allocation, shipment, invoicing and a signed write-once archive.',
    },
    components: {
      schemas,
      securitySchemes: {
        channelToken: {
          type: 'oauth2',
          description: 'Each sales channel is its own Cognito app client (client credentials). Staff use user-pool tokens.',
          flows: { clientCredentials: { tokenUrl: '/oauth2/token', scopes: {} } },
        },
        // Staff users sign in with user name and password on the staff app client; their access token carries their groups.
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Access token of a staff user (Cognito USER_PASSWORD_AUTH on the staff client). Groups: warehouse, quality, order-desk, master-data, compliance, accounts-receivable and the approver roles of the approval policy.',
        },
      },
    },
    paths: mergePaths({
      '/v1/orders': {
        post: {
          operationId: 'placeOrder',
          summary: 'Place an order (portal channel)',
          security: [{ channelToken: [] }],
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 128 }, description: 'Same key + same body returns the first answer; same key + other body is 422.' },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('PlaceOrderRequest') } } },
          responses: {
            '202': {
              description:
                'Accepted: status RECEIVED (the workflow has started; non-blocking conflicts listed in intakeConflicts), or POSSIBLE_DUPLICATE (held without a workflow: same customer, ship-to and GTIN quantities as an open order of the window under another PO; possibleDuplicate and the merge/keep/cancel links say what to do)',
              content: { 'application/json': { schema: ref('OrderAccepted') } },
            },
            '400': problemResponse('Invalid body or missing Idempotency-Key; nothing was written'),
            '401': { description: 'No or invalid bearer token' },
            '403': problemResponse('The caller is not the portal channel'),
            '409': problemResponse('The customer PO was already ordered (the body names the existing order), or the same key is in flight'),
            '422': problemResponse('Blocking intake conflicts, listed per line in `conflicts` (IntakeConflict, each with a suggestion); nothing was written. Or: Idempotency-Key reused with a different body'),
          },
        },
      },
      '/v1/orders/{orderId}': {
        get: {
          operationId: 'getOrder',
          summary: 'An order with prices, lots, invoice, archive reference and timeline',
          security: [{ channelToken: [] }],
          parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The order', content: { 'application/json': { schema: ref('Order') } } },
            '404': problemResponse('No such order for this caller'),
          },
        },
      },
      ...resolutionPaths(),
      '/v1/approvals': {
        get: {
          operationId: 'listPendingApprovals',
          summary: "The signed-in approver's pending approvals, for every role the user holds",
          security: [{ staffToken: [] }],
          parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['pending'] } }],
          responses: {
            '200': {
              description: 'Pending approvals, soonest expiry first',
              content: { 'application/json': { schema: { type: 'object', properties: { approvals: { type: 'array', items: ref('PendingApproval') } } } } },
            },
            '403': problemResponse('Not a signed-in user'),
          },
        },
      },
      '/v1/approvals/{approvalId}': {
        get: {
          operationId: 'showApproval',
          summary: 'HTML page behind the emailed link; has no side effect',
          parameters: [{ name: 'approvalId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'Page with order summary and signing form', content: { 'text/html': {} } }, '404': { description: 'Unknown link' }, '410': { description: 'Expired' } },
        },
        post: {
          operationId: 'signApproval',
          summary: 'Sign the approval: user name + password re-verified (21 CFR 11.200), a meaning, and the hash of the order version reviewed',
          parameters: [{ name: 'approvalId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': { schema: ref('ApprovalDecisionForm') },
              'application/json': { schema: ref('ApprovalDecisionForm') },
            },
          },
          responses: {
            '200': { description: 'Decision signed and applied', content: { 'application/json': { schema: ref('ApprovalDecisionResult') } } },
            '400': problemResponse('Invalid form'),
            '401': problemResponse('Signature components not verified'),
            '403': problemResponse('Not holding the role, or self-approval'),
            '409': problemResponse('Already decided, closed by another rejection, or the order changed since the page was loaded'),
            '410': problemResponse('Expired or escalated'),
            '423': problemResponse('Locked after three failed signatures'),
          },
        },
      },
      '/v1/openapi.json': { get: { operationId: 'openApi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
      '/health': { get: { operationId: 'health', summary: 'Liveness', responses: { '200': { description: 'ok' } } } },
    }, declaredPaths(ROUTE_DECLARATIONS)),
  };
}

/** Joins path objects; a path both describe gets the operations of both. */
function mergePaths<T extends object>(written: T, declared: DeclaredPaths): T & DeclaredPaths {
  const merged: DeclaredPaths = { ...(written as DeclaredPaths) };
  for (const [path, operations] of Object.entries(declared)) merged[path] = { ...merged[path], ...operations };
  return merged as T & DeclaredPaths;
}

/** /v1/orders/{orderId}/merge|keep|cancel: resolving an order held as a possible duplicate. */
function resolutionPaths() {
  const orderId = { name: 'orderId', in: 'path', required: true, schema: { type: 'string' }, description: 'The held order (status POSSIBLE_DUPLICATE)' };
  const security = [{ channelToken: [] }];
  const who = 'The channel that sent the order, or order-desk staff. Idempotent: repeating it answers the first result.';
  const ok = (description: string) => ({ description, content: { 'application/json': { schema: ref('DuplicateResolution') } } });
  const common = { '401': { description: 'No or invalid bearer token' }, '403': problemResponse('Neither a channel nor order-desk staff'), '404': problemResponse('No such order for this caller') };
  return {
    '/v1/orders/{orderId}/merge': {
      post: {
        operationId: 'mergeHeldOrder',
        summary: `Merge the held order into an earlier open order of the same customer: lines combined (same GTIN and unit: quantities added), re-priced, both POs kept, held order MERGED. ${who}`,
        security,
        parameters: [orderId],
        requestBody: { required: true, content: { 'application/json': { schema: ref('MergeRequest') } } },
        responses: {
          '200': ok('Merged'),
          '400': problemResponse('Invalid body'),
          ...common,
          '409': problemResponse('The held order is not held, or the target cannot take the merge (allocated or later, approved, being credit-checked, closed), with the reason'),
          '422': problemResponse('The target does not exist, is the same order, or is of another customer'),
        },
      },
    },
    '/v1/orders/{orderId}/keep': {
      post: {
        operationId: 'keepHeldOrder',
        summary: `Keep the held order as a separate order: RECEIVED, and its workflow starts. ${who}`,
        security,
        parameters: [orderId],
        responses: { '200': ok('Kept'), ...common, '409': problemResponse('The order is not held') },
      },
    },
    '/v1/orders/{orderId}/cancel': {
      post: {
        operationId: 'cancelHeldOrder',
        summary: `Cancel the held order, with a reason. ${who}`,
        security,
        parameters: [orderId],
        requestBody: { required: true, content: { 'application/json': { schema: ref('CancelRequest') } } },
        responses: { '200': ok('Cancelled'), '400': problemResponse('Invalid body (a reason is required)'), ...common, '409': problemResponse('The order is not held') },
      },
    },
  };
}
