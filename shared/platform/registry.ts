import type { z } from 'zod';
import type { Channel } from './channels.js';

/**
 * The one declaration of every Lambda function of the system: its handler,
 * the environment it reads (a zod schema: the handler parses process.env with
 * it, CDK fills exactly its keys), what it may touch, and, for HTTP routes,
 * the routes with their auth, groups and OpenAPI operations. CDK builds the
 * functions, grants and routes from these declarations, the OpenAPI document
 * takes its paths from them, and the CDK tests derive their expectations from
 * them. This module is data only: no CDK, no AWS SDK.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A table index a function may query; grants name indexes explicitly (a table grant does not cover them). */
export type TableIndex = 'GSI1' | 'GSI2' | 'GSI3';

export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:BatchWriteItem';

export const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const satisfies readonly TableAction[];
export const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'] as const satisfies readonly TableAction[];

/** The resources a grant can name; infra/platform/grants.ts resolves each to the deployed resource. */
export type Grant =
  | { kind: 'table'; actions: readonly TableAction[]; indexes?: readonly TableIndex[] }
  | { kind: 'auditTable'; actions: readonly TableAction[]; indexes?: readonly string[] }
  | { kind: 'orderWorkflow'; actions: readonly ('states:StartExecution' | 'states:SendTaskSuccess' | 'states:StopExecution')[] }
  | { kind: 'orderExecutions'; actions: readonly ('states:StopExecution' | 'states:DescribeExecution')[] }
  | { kind: 'recallWorkflow'; actions: readonly 'states:StartExecution'[] }
  | { kind: 'sendEmail'; configurationSet?: boolean }
  | { kind: 'userPool'; actions: readonly ('cognito-idp:AdminInitiateAuth' | 'cognito-idp:ListUsersInGroup')[] }
  /** Objects of the write-once audit bucket under one prefix (`orders/*`), or the bucket itself (no prefix). */
  | { kind: 'auditBucket'; actions: readonly string[]; prefix?: string }
  | { kind: 'signingKey'; actions: readonly ('kms:Sign' | 'kms:GetPublicKey' | 'kms:Verify')[] }
  /** Reading the business table's change stream (its consumers: the audit trail and the event publisher). */
  | { kind: 'tableStream' }
  /** Putting events on the system's event bus (owned by the construct that builds the publisher, which binds it). */
  | { kind: 'eventBus'; actions: readonly 'events:PutEvents'[] }
  /**
   * Objects under one prefix (`uploads/*`) of the bucket a construct owns and binds by ARN (the batch
   * channel's upload bucket). `reason` is the cdk-nag acknowledgement of the prefix wildcard: what the
   * function does with those objects, so it must be true.
   */
  | { kind: 'uploadBucket'; actions: readonly ('s3:GetObject' | 's3:PutObject')[]; prefix: string; reason: string };

/** Who may call a route: a sales channel's machine token, a staff user's token, either, or nobody in particular. */
export type RouteAuth =
  /** A channel's client-credentials token (portal, EDI, batch); staff in `groups` may act for the portal. */
  | 'channel'
  /** A staff user's token whose groups include one of `groups`. */
  | 'staff'
  /** A channel token (its own data only) or a staff user in `groups`. */
  | 'channel-or-staff'
  /** Reached from an emailed link in a browser: no bearer token; a POST is authorized by the signer's own password in the handler. */
  | 'link'
  /** Public: the API document and the health check. */
  | 'public';

/** An OpenAPI operation without `security` (derived from the route's auth). */
export type OpenApiOperation = { operationId: string; summary: string } & Record<string, unknown>;

export interface Route {
  method: HttpMethod;
  path: string;
  operation: OpenApiOperation;
}

export interface FunctionDeclaration<S extends z.ZodObject = z.ZodObject> {
  /** Construct id, e.g. "GetInvoice": names the function, its role and its log group. */
  id: string;
  /** Handler file under functions/, without extension, e.g. "receivables/get-invoice". */
  handler: string;
  /** The environment contract: the handler loads it with loadConfig; CDK sets exactly these keys. */
  settings: S;
  grants: readonly Grant[];
  /** Why this function exists, in one line (the function's description). */
  purpose: string;
  memorySize?: number;
  timeoutSeconds?: number;
  /** Files (paths from the repository root) copied beside the bundle, read by the handler at run time. */
  bundledFiles?: readonly string[];
}

/** An HTTP API throttle: steady requests per second, and the burst above it (a token bucket). */
export interface RouteThrottle {
  rateLimit: number;
  burstLimit: number;
}

export interface RouteDeclaration<S extends z.ZodObject = z.ZodObject> extends FunctionDeclaration<S> {
  auth: RouteAuth;
  /** Staff groups allowed (ALLOWED_GROUPS or STAFF_GROUPS in settings carry them to the handler). */
  groups?: readonly string[];
  /** For `channel` and `channel-or-staff` routes: the sales channels whose tokens it takes (all when absent). */
  channels?: readonly Channel[];
  routes: readonly Route[];
  /** Why a `link` or `public` route needs no token: the cdk-nag acknowledgement's reason, so it must be true. */
  openBecause?: string;
  /** A throttle of the declaration's own routes instead of their auth kind's default (see routeLimitsOf). */
  throttle?: RouteThrottle;
  /** Concurrent executions kept for (and capping) the function, instead of its auth kind's default. */
  reservedConcurrency?: number;
}

/** The API stage's throttle: what a route without one of its own gets. */
export const STAGE_THROTTLE: RouteThrottle = { rateLimit: 100, burstLimit: 200 };

/**
 * What a route's auth kind gets unless the declaration says otherwise. Routes
 * anyone can reach without a token (emailed links, the API document, health)
 * get a small throttle of their own and a function capped by reserved
 * concurrency, so a flood of them (`GET /v1/approvals/<random>`) is refused at
 * the edge and can never take the Lambda concurrency order intake runs on.
 * Token routes share the stage's throttle and the account's concurrency.
 */
const OPEN_ROUTE_LIMITS = { throttle: { rateLimit: 10, burstLimit: 20 }, reservedConcurrency: 5 } as const;

export interface RouteLimits {
  /** Route settings of their own on the stage; none: the stage's throttle. */
  throttle?: RouteThrottle;
  /** ReservedConcurrentExecutions of the function; none: unreserved. */
  reservedConcurrency?: number;
}

export function routeLimitsOf(declaration: Pick<RouteDeclaration, 'auth' | 'throttle' | 'reservedConcurrency'>): RouteLimits {
  const open = declaration.auth === 'link' || declaration.auth === 'public';
  const defaults: RouteLimits = open ? OPEN_ROUTE_LIMITS : {};
  const throttle = declaration.throttle ?? defaults.throttle;
  const reservedConcurrency = declaration.reservedConcurrency ?? defaults.reservedConcurrency;
  return { ...(throttle ? { throttle } : {}), ...(reservedConcurrency !== undefined ? { reservedConcurrency } : {}) };
}

/** A function a workflow invokes as one of its task states. */
export interface StepDeclaration<S extends z.ZodObject = z.ZodObject> extends FunctionDeclaration<S> {
  workflow: 'order' | 'recall';
  /** The workflow definition's name for the step (its steps interface key, e.g. "allocate"). */
  step: string;
}

export const declareFunction = <S extends z.ZodObject>(declaration: FunctionDeclaration<S>) => declaration;
export const declareRoute = <S extends z.ZodObject>(declaration: RouteDeclaration<S>) => declaration;
export const declareStep = <S extends z.ZodObject>(declaration: StepDeclaration<S>) => declaration;

export const isRoute = (declaration: FunctionDeclaration): declaration is RouteDeclaration => 'routes' in declaration;
export const isStep = (declaration: FunctionDeclaration): declaration is StepDeclaration => 'step' in declaration;

/** `GET /v1/orders/{orderId}`: how API Gateway names a route. */
export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** Settings names whose value CDK takes from the route's `groups` instead of the deployment. */
export const GROUP_SETTINGS = ['ALLOWED_GROUPS', 'STAFF_GROUPS'] as const;
