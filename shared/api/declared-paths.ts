import { gatewayRefusal, problemResponse } from '../platform/openapi/operations.js';
import type { OpenApiOperation, RouteAuth, RouteDeclaration } from '../platform/registry.js';

/** The OpenAPI security requirement of each kind of route (alternatives: any one of them admits the caller). */
const SECURITY: Record<RouteAuth, { channelToken?: []; staffToken?: [] }[] | undefined> = {
  channel: [{ channelToken: [] }],
  staff: [{ staffToken: [] }],
  'channel-or-staff': [{ channelToken: [] }, { staffToken: [] }],
  link: undefined,
  public: undefined,
};

/**
 * What every route of a kind answers a caller it does not admit, whatever the route: token routes are behind the
 * JWT authorizer (401 from API Gateway without a valid token) and their handlers refuse a token of the wrong kind or
 * groups (403). A route may describe its 403 more precisely; the 401 is the gateway's, the same everywhere.
 */
const REFUSALS: Record<RouteAuth, { '401'?: unknown; '403'?: unknown }> = {
  channel: { '401': gatewayRefusal('No or invalid bearer token'), '403': problemResponse('The token is not of a channel this route serves') },
  staff: {
    '401': gatewayRefusal('No or invalid bearer token'),
    '403': problemResponse('Not a staff user token, or the user is in none of the groups allowed on this route'),
  },
  'channel-or-staff': {
    '401': gatewayRefusal('No or invalid bearer token'),
    '403': problemResponse('Neither a channel token nor a staff user in a group allowed on this route'),
  },
  link: {},
  public: {},
};

export type DeclaredOperation = OpenApiOperation & { security?: Record<string, []>[] };
export type DeclaredPaths = Record<string, Record<string, DeclaredOperation>>;

type Parameter = { name: string; in: string; schema?: Record<string, unknown> };

/** A path parameter whose schema refuses some values (a pattern, an enum, a length): its route must say what that answers. */
const constrained = (parameter: Parameter) =>
  parameter.in === 'path' && Object.keys(parameter.schema ?? {}).some((key) => ['pattern', 'enum', 'maxLength', 'minLength', 'format'].includes(key));

/**
 * The OpenAPI paths of the declared routes: one operation per route, its
 * security and its refusals derived from the route's auth, tagged with its
 * bounded context.
 */
export function declaredPaths(contexts: Readonly<Record<string, readonly RouteDeclaration[]>>): DeclaredPaths {
  const paths: DeclaredPaths = {};
  for (const [context, declarations] of Object.entries(contexts))
    for (const declaration of declarations) {
      const security = SECURITY[declaration.auth];
      const refusals = REFUSALS[declaration.auth];
      for (const { method, path, operation } of declaration.routes) {
        const { operationId, summary, responses, ...rest } = operation as OpenApiOperation & { responses?: Record<string, unknown> };
        const methods = paths[path] ?? {};
        paths[path] = methods;
        const verb = method.toLowerCase();
        if (methods[verb]) throw new Error(`${method} ${path} is declared twice`);
        const answers: Record<string, unknown> = { ...responses, ...(refusals['401'] ? { '401': refusals['401'] } : {}) };
        if (refusals['403'] && !answers['403']) answers['403'] = refusals['403'];
        const parameters = (rest.parameters ?? []) as Parameter[];
        if (parameters.some(constrained) && !answers['400'] && !answers['404']) {
          throw new Error(`${method} ${path}: a path parameter refuses some values; document what they answer (400 or 404)`);
        }
        methods[verb] = {
          operationId,
          summary,
          tags: [context],
          ...(security ? { security } : {}),
          ...(declaration.groups ? { 'x-allowed-groups': [...declaration.groups] } : {}),
          ...(declaration.channels ? { 'x-allowed-channels': [...declaration.channels] } : {}),
          ...rest,
          responses: Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b))),
        };
      }
    }
  return paths;
}
