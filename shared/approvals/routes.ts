import { z } from 'zod';
import { jsonOf, tableConfig } from '../platform/config.js';
import { jsonResponse, pathParameter, problemResponse, schemaRef } from '../platform/openapi/operations.js';
import { declareRoute, type RouteDeclaration } from '../platform/registry.js';
import { ApprovalPolicy } from './schemas/approval-policy.js';
import { ApprovalDecisionForm, ApprovalDecisionResult, ApprovalIdParam, PendingApproval } from './schemas/approval.js';
import { ChannelClients } from '../orders/schemas/order.js';

const approvalId = pathParameter('approvalId', ApprovalIdParam);

/** Why the approval routes need no bearer token: cdk-nag's APIG4 acknowledgement. */
const EMAILED_LINK =
  'Open by design: approvers reach these routes from an emailed link in a browser, where no bearer token exists; GET shows the page and changes nothing, and the POST is authorized by the approver’s own signature (user name and password, checked in the handler against the user directory).';

export const approvalPageRoute = declareRoute({
  id: 'ApprovalPage',
  handler: 'approvals/approval-page',
  purpose: 'The page behind an emailed approval link: order summary and signing form, no side effect',
  settings: tableConfig,
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query'] }],
  auth: 'link',
  openBecause: EMAILED_LINK,
  routes: [
    {
      method: 'GET',
      path: '/v1/approvals/{approvalId}',
      operation: {
        operationId: 'showApproval',
        summary: 'HTML page behind the emailed link; has no side effect',
        parameters: [approvalId],
        responses: {
          '200': { description: 'Page with order summary and signing form', content: { 'text/html': {} } },
          '404': { description: 'Unknown link (not an approval id, or no such approval)', content: { 'text/html': {} } },
          '410': { description: 'Expired', content: { 'text/html': {} } },
        },
      },
    },
  ],
});

export const approvalDecisionRoute = declareRoute({
  id: 'ApprovalDecision',
  handler: 'approvals/approval-decision',
  purpose: 'Signs an approval decision: the approver’s user name and password re-verified (21 CFR 11.200), then the order workflow resumed',
  settings: tableConfig.extend({
    USER_POOL_ID: z.string().min(1),
    APPROVALS_CLIENT_ID: z.string().min(1),
    APPROVAL_POLICY: jsonOf(ApprovalPolicy),
    SENDER_EMAIL: z.email(),
    ALERT_EMAIL: z.email(),
  }),
  grants: [
    { kind: 'sendEmail' },
    {
      kind: 'table',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
      indexes: ['GSI1'],
    },
    // The signature: the approver's own user name and password, verified against the user pool.
    { kind: 'userPool', actions: ['cognito-idp:AdminInitiateAuth'] },
    // Resumes the workflow waiting on the approval's task token.
    { kind: 'orderWorkflow', actions: ['states:SendTaskSuccess'] },
  ],
  auth: 'link',
  openBecause: EMAILED_LINK,
  routes: [
    {
      method: 'POST',
      path: '/v1/approvals/{approvalId}',
      operation: {
        operationId: 'signApproval',
        summary: 'Sign the approval: user name + password re-verified (21 CFR 11.200), a meaning, and the hash of the order version reviewed',
        parameters: [approvalId],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': { schema: schemaRef(ApprovalDecisionForm) },
            'application/json': { schema: schemaRef(ApprovalDecisionForm) },
          },
        },
        responses: {
          '200': jsonResponse('Decision signed and applied', ApprovalDecisionResult),
          '400': problemResponse('Invalid form'),
          '401': problemResponse('Signature components not verified, or the user does not hold the approval’s role (answered alike)'),
          '403': problemResponse('Self-approval (placed or changed the order), or an account a link cannot sign for (second factor, new password to set)'),
          '404': problemResponse('No such approval (or not an approval id)'),
          '409': problemResponse('Already decided, closed by another rejection, or the order changed since the page was loaded'),
          '410': problemResponse('Expired or escalated'),
          '423': problemResponse('Locked after three failed signatures, or every attempt taken by checks still running'),
        },
      },
    },
  ],
});

/**
 * Any signed-in user: the approval policy (a deployment setting) decides which
 * of the user's groups are approver roles, so the route names no groups.
 */
export const pendingApprovalsRoute = declareRoute({
  id: 'PendingApprovals',
  handler: 'approvals/pending-approvals',
  purpose: "The signed-in approver's pending approvals, for every approver role the user holds",
  settings: tableConfig.extend({ APPROVAL_POLICY: jsonOf(ApprovalPolicy), CHANNEL_CLIENTS: ChannelClients }),
  grants: [{ kind: 'table', actions: ['dynamodb:Query'], indexes: ['GSI1'] }],
  auth: 'staff',
  routes: [
    {
      method: 'GET',
      path: '/v1/approvals',
      operation: {
        operationId: 'listPendingApprovals',
        summary: "The signed-in approver's pending approvals, for every role the user holds",
        parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['pending'] } }],
        responses: {
          '200': {
            description: 'Pending approvals, soonest expiry first',
            content: { 'application/json': { schema: { type: 'object', properties: { approvals: { type: 'array', items: schemaRef(PendingApproval) } } } } },
          },
          '400': problemResponse('A status other than pending'),
          '403': problemResponse('Not a signed-in user'),
        },
      },
    },
  ],
});

export const approvalsRoutes: readonly RouteDeclaration[] = [approvalPageRoute, approvalDecisionRoute, pendingApprovalsRoute];
