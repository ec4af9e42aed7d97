import type { OpenApiOperation, RouteAuth, RouteDeclaration } from '../platform/registry.js';

/** The OpenAPI security requirement of each kind of route (alternatives: any one of them admits the caller). */
const SECURITY: Record<RouteAuth, { channelToken?: []; staffToken?: [] }[] | undefined> = {
  channel: [{ channelToken: [] }],
  staff: [{ staffToken: [] }],
  'channel-or-staff': [{ channelToken: [] }, { staffToken: [] }],
  link: undefined,
  public: undefined,
};

export type DeclaredOperation = OpenApiOperation & { security?: Record<string, []>[] };
export type DeclaredPaths = Record<string, Record<string, DeclaredOperation>>;

/**
 * The OpenAPI paths of the declared routes: one operation per route, its
 * security derived from the route's auth, tagged with its bounded context.
 */
export function declaredPaths(contexts: Readonly<Record<string, readonly RouteDeclaration[]>>): DeclaredPaths {
  const paths: DeclaredPaths = {};
  for (const [context, declarations] of Object.entries(contexts))
    for (const declaration of declarations) {
      const security = SECURITY[declaration.auth];
      for (const { method, path, operation } of declaration.routes) {
        const { operationId, summary, ...rest } = operation;
        const methods = paths[path] ?? {};
        paths[path] = methods;
        const verb = method.toLowerCase();
        if (methods[verb]) throw new Error(`${method} ${path} is declared twice`);
        methods[verb] = {
          operationId,
          summary,
          tags: [context],
          ...(security ? { security } : {}),
          ...(declaration.groups ? { 'x-allowed-groups': [...declaration.groups] } : {}),
          ...(declaration.channels ? { 'x-allowed-channels': [...declaration.channels] } : {}),
          ...rest,
        };
      }
    }
  return paths;
}
