import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { faultInjection, faultInjectionSettings } from '../fault-injection.js';
import { logger, logRuntimeOnColdStart, metrics, tracer } from '../observability.js';
import { problem, validationProblem } from './problems.js';
import { IdempotencyKey } from '../schemas/common.js';
import type { ChannelClient } from '../channels.js';
import { callerOf } from './caller.js';
import { refusalOf, type RouteAccess } from './route-access.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type ParsedApiEvent<T> = Omit<ApiEvent, 'body'> & { body: T };

/** An error that already knows the HTTP answer it stands for. */
export class HttpProblem extends Error {
  constructor(readonly response: ApiResult) {
    super(`HTTP ${response.statusCode}`);
  }
}

const IDEMPOTENCY_ERRORS: Record<string, ApiResult> = {
  IdempotencyValidationError: problem(
    422,
    'Idempotency key reused',
    'This Idempotency-Key was already used with a different request body; use a new key for a new request.',
  ),
  IdempotencyAlreadyInProgressError: problem(409, 'Request in progress', 'A request with this Idempotency-Key is still being processed; retry shortly.'),
};

/** Turns every error into a problem+json answer; only the unexpected ones are logged as errors, never with request bodies. */
const problemResponses = (): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  onError: async (request) => {
    const { error } = request;
    if (error instanceof HttpProblem) {
      request.response = error.response;
      return;
    }
    const known = error ? IDEMPOTENCY_ERRORS[error.name] : undefined;
    if (known) {
      request.response = known;
      return;
    }
    logger.error('request failed', { error });
    request.response = problem(500, 'Internal error', 'The request could not be completed; it is safe to retry with the same Idempotency-Key.');
  },
});

/**
 * Token routes take access tokens only. The authorizer already requires a
 * scope of the route's kind, which ID tokens never carry; this refuses any
 * other token that reaches a handler (a route built without scopes, another
 * authorizer) before anything reads its claims: ID tokens name their user in
 * `cognito:username`, not `username`, so they would share one idempotency
 * namespace. Requests without a token (links, public routes) pass.
 */
const accessTokensOnly = (): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async (request) => {
    const claims = request.event.requestContext?.authorizer?.jwt?.claims;
    if (claims && claims.token_use !== 'access') {
      throw new HttpProblem(problem(401, 'Unauthorized', 'This API takes access tokens only (token_use "access"); an ID token is not accepted.'));
    }
  },
});

/** Refuses a caller the route's declaration does not admit, before anything reads the request (see refusalOf). */
const routeAccess = (route: RouteAccess, channelClients: Record<string, ChannelClient>): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async (request) => {
    const refusal = refusalOf(route, callerOf(request.event, channelClients));
    if (refusal) throw new HttpProblem(refusal);
  },
});

/** The settings the house chain reads, when a route has them: which app client is which partner. */
export interface ApiHandlerSettings {
  CHANNEL_CLIENTS?: Record<string, ChannelClient>;
  [setting: string]: unknown;
}

/**
 * The house middleware chain for API handlers: structured logs, traces,
 * metrics, problem answers, access tokens only, and the route's declared
 * access (auth kind, groups, channels) checked before the handler's own
 * middlewares parse anything.
 */
export function apiHandler<TEvent = ApiEvent>(
  handler: (event: TEvent, context: Context) => Promise<ApiResult>,
  route: RouteAccess,
  settings: ApiHandlerSettings = {},
) {
  const chain = middy<TEvent, ApiResult>(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logRuntimeOnColdStart())
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics))
    .use(problemResponses() as unknown as middy.MiddlewareObj<TEvent, ApiResult>)
    .use(accessTokensOnly() as unknown as middy.MiddlewareObj<TEvent, ApiResult>)
    .use(routeAccess(route, settings.CHANNEL_CLIENTS ?? {}) as unknown as middy.MiddlewareObj<TEvent, ApiResult>);
  // Only in a deployment with fault injection (never production): a planned fault for this route and request,
  // which the problem middleware answers as any unexpected error (500, safe to retry).
  const faults = faultInjectionSettings();
  return faults ? chain.use(faultInjection<TEvent, ApiResult>(faults, idempotencyKeyOf)) : chain;
}

/** The subject of an API request's fault: its Idempotency-Key (what a client's retry repeats). */
const idempotencyKeyOf = (event: unknown): string | undefined => {
  const key = (event as Partial<ApiEvent> | undefined)?.headers?.['idempotency-key'];
  return typeof key === 'string' && key !== '' ? key : undefined;
};

function decodeBody(event: ApiEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Form fields by name; a name sent more than once (ticked checkboxes) gives every value, in order. */
export function formFields(params: URLSearchParams): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    fields[name] = values.length > 1 ? values : values[0]!;
  }
  return fields;
}

/**
 * The request body as data: a form (application/x-www-form-urlencoded) as its
 * fields, anything else as JSON; an empty or malformed body is a 400. For a
 * handler that parses its body itself (after its own checks); zodBody uses it.
 */
export function parseBody(event: ApiEvent): unknown {
  const text = decodeBody(event);
  const contentType = String(event.headers?.['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (contentType === 'application/x-www-form-urlencoded') return formFields(new URLSearchParams(text));
  if (text.trim() === '') throw new HttpProblem(problem(400, 'Invalid request', 'The request body is empty; send a JSON document.'));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpProblem(problem(400, 'Invalid request', 'The request body is not valid JSON.'));
  }
}

/** Validates the body against a zod schema before anything else runs; a bad body is a 400 naming each field. */
export function zodBody<S extends z.ZodType>(schema: S): middy.MiddlewareObj<ApiEvent, ApiResult> {
  return {
    before: async (request) => {
      const parsed = schema.safeParse(parseBody(request.event));
      if (!parsed.success) throw new HttpProblem(validationProblem(parsed.error));
      (request.event as unknown as ParsedApiEvent<z.infer<S>>).body = parsed.data;
    },
  };
}

/** The Idempotency-Key header a route needs, checked with the schema its OpenAPI parameter is documented from. */
export function requireHeader(name: string, why: string): middy.MiddlewareObj<ApiEvent, ApiResult> {
  return {
    before: async (request) => {
      if (!IdempotencyKey.safeParse(request.event.headers?.[name]).success) {
        throw new HttpProblem(
          problem(400, 'Invalid request', `The ${name} header is required (printable ASCII, at most 128 characters, no leading or trailing space): ${why}`),
        );
      }
    },
  };
}

/** Like zodBody, for routes whose body schema depends on the path (e.g. the kind of master record); no schema, no parsing. */
export function zodBodyBy(select: (event: ApiEvent) => z.ZodType | undefined): middy.MiddlewareObj<ApiEvent, ApiResult> {
  return {
    before: async (request) => {
      const schema = select(request.event);
      if (schema) await zodBody(schema).before?.(request);
    },
  };
}
