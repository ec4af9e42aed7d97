import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/api/openapi.js';
import { FUNCTION_DECLARATIONS, ROUTE_DECLARATIONS, STEP_DECLARATIONS } from '../../shared/api/registry.js';
import { GROUP_SETTINGS, routeKey, type FunctionDeclaration, type Grant } from '../../shared/platform/registry.js';
import { actionsOf, functionGrants, synthesizedApp, type FunctionInfo, type SynthesizedApp } from './synthesized-app.js';

/** What the house function sets on every function, besides the declared settings. */
const HOUSE_SETTINGS = [
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'POWERTOOLS_LOG_LEVEL',
  'POWERTOOLS_TRACER_CAPTURE_RESPONSE',
  'NODE_OPTIONS',
];

interface RouteResource {
  RouteKey: string;
  AuthorizationType: string;
  AuthorizationScopes?: string[];
  Target: { 'Fn::Join': [string, [string, { Ref: string }]] };
}

let synthesized: SynthesizedApp;
let template: Template;
let functions: FunctionInfo[];
let grants: ReturnType<typeof functionGrants>;
let routeResources: RouteResource[];

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  functions = synthesized.functions;
  grants = functionGrants(synthesized);
  routeResources = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((resource) => resource.Properties as RouteResource);
});

const declaredRoutes = ROUTE_DECLARATIONS.flatMap((declaration) => declaration.routes.map((route) => ({ declaration, key: routeKey(route) })));

/** The IAM actions a declaration's grants name (the house function's logging and tracing come on top). */
const declaredActions = (grant: Grant): readonly string[] => {
  switch (grant.kind) {
    case 'sendEmail':
      return ['ses:SendEmail'];
    default:
      return 'actions' in grant ? grant.actions : [];
  }
};

describe('given the registry of declared functions and routes', () => {
  it('when function ids are listed, then each is declared once', () => {
    const ids = FUNCTION_DECLARATIONS.map((declaration) => declaration.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when route keys are listed, then each is declared once', () => {
    const keys = declaredRoutes.map((route) => route.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('when a route reads its groups from a setting, then it declares them (CDK fills the setting from the declaration)', () => {
    for (const declaration of ROUTE_DECLARATIONS) {
      const groupSettings = Object.keys(declaration.settings.shape).filter((name) => (GROUP_SETTINGS as readonly string[]).includes(name));
      if (groupSettings.length > 0) expect(declaration.groups?.length, declaration.id).toBeGreaterThan(0);
    }
  });

  it('when a staff route is declared, then its groups are named, except the approvers’ list, whose roles come from the approval policy', () => {
    for (const declaration of ROUTE_DECLARATIONS.filter((candidate) => candidate.auth === 'staff' && candidate.id !== 'PendingApprovals')) {
      expect(declaration.groups?.length, declaration.id).toBeGreaterThan(0);
    }
  });

  it('when a route is open (an emailed link or public), then its declaration says why', () => {
    for (const declaration of ROUTE_DECLARATIONS.filter((candidate) => candidate.auth === 'link' || candidate.auth === 'public')) {
      expect(declaration.openBecause?.length ?? 0, declaration.id).toBeGreaterThan(40);
    }
  });
});

describe('given the synthesized app and the registry', () => {
  it('when the API routes are listed, then every declared route exists exactly once and no other route exists', () => {
    const deployed = routeResources.map((route) => route.RouteKey).sort();
    expect(deployed).toEqual(declaredRoutes.map((route) => route.key).sort());
  });

  it('when each route is followed to its integration, then it reaches the function its declaration names', () => {
    const resources = template.toJSON().Resources as Record<string, { Properties: { IntegrationUri?: { 'Fn::GetAtt': [string, string] } } }>;
    for (const { declaration, key } of declaredRoutes) {
      const route = routeResources.find((candidate) => candidate.RouteKey === key)!;
      const integration = resources[route.Target['Fn::Join'][1][1].Ref]!.Properties;
      const target = functions.find((fn) => fn.logicalId === integration.IntegrationUri?.['Fn::GetAtt'][0]);
      expect(target?.name, key).toBe(declaration.id);
    }
  });

  it('when each route’s authorization is read, then token routes are behind the JWT authorizer and only link and public routes are open', () => {
    for (const { declaration, key } of declaredRoutes) {
      const route = routeResources.find((candidate) => candidate.RouteKey === key)!;
      const open = declaration.auth === 'link' || declaration.auth === 'public';
      expect(route.AuthorizationType, key).toBe(open ? 'NONE' : 'JWT');
    }
  });

  it('when each token route’s scopes are read, then a channel token (o2c/orders) or a staff access token (aws.cognito.signin.user.admin) is required as its kind says, so an ID token (no scope) is refused', () => {
    // Written out, not derived: channel routes that admit staff (their groups, e.g. the order desk) take both.
    const CHANNEL = 'o2c/orders';
    const STAFF = 'aws.cognito.signin.user.admin';
    for (const { declaration, key } of declaredRoutes) {
      const route = routeResources.find((candidate) => candidate.RouteKey === key)!;
      const expected = {
        channel: declaration.groups?.length ? [CHANNEL, STAFF] : [CHANNEL],
        staff: [STAFF],
        'channel-or-staff': [CHANNEL, STAFF],
        link: undefined,
        public: undefined,
      }[declaration.auth];
      expect(route.AuthorizationScopes && [...route.AuthorizationScopes].sort(), key).toEqual(expected && [...expected].sort());
    }
  });

  it('when the functions are listed, then there is exactly one per declaration and no other', () => {
    expect(functions.map((fn) => fn.name).sort()).toEqual(FUNCTION_DECLARATIONS.map((declaration) => declaration.id).sort());
    template.resourceCountIs('AWS::Lambda::Function', FUNCTION_DECLARATIONS.length);
  });

  it('when each function’s environment is read, then it holds exactly its declared settings (and the house settings)', () => {
    for (const declaration of FUNCTION_DECLARATIONS) {
      const names = Object.keys(grants.environmentOf(declaration.id)).sort();
      expect(names, declaration.id).toEqual([...Object.keys(declaration.settings.shape), ...HOUSE_SETTINGS].sort());
    }
  });

  it('when each function’s role is read, then every action its declaration grants is allowed', () => {
    for (const declaration of FUNCTION_DECLARATIONS) {
      const allowed = new Set(grants.allowedFor(declaration.id).flatMap(actionsOf));
      for (const action of declaration.grants.flatMap(declaredActions)) expect(allowed.has(action), `${declaration.id} ${action}`).toBe(true);
    }
  });

  it('when each function’s table actions are read, then they are exactly the declared ones (nothing added outside the registry)', () => {
    const tableActionsOf = (declaration: FunctionDeclaration) =>
      declaration.grants
        .filter((grant) => grant.kind === 'table' || grant.kind === 'auditTable')
        .flatMap((grant) => (grant as { actions: readonly string[] }).actions);
    for (const declaration of FUNCTION_DECLARATIONS) {
      const granted = new Set(grants.actionsFor(declaration.id, 'dynamodb').filter((action) => !/Stream|Shard|GetRecords/.test(action)));
      expect([...granted].sort(), declaration.id).toEqual([...new Set(tableActionsOf(declaration))].sort());
    }
  });
});

describe('given the OpenAPI document and the registry', () => {
  const document = openApiDocument();
  const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));

  it('when its operations are listed, then they are exactly the declared routes, each once', () => {
    expect(documented.sort()).toEqual(declaredRoutes.map((route) => route.key).sort());
  });

  it('when an operation is read, then its security follows the route’s auth', () => {
    for (const { declaration, key } of declaredRoutes) {
      const [method, path] = key.split(' ') as [string, string];
      const operation = document.paths[path]?.[method.toLowerCase()] as { security?: unknown[] };
      if (declaration.auth === 'link' || declaration.auth === 'public') expect(operation.security, key).toBeUndefined();
      else expect(operation.security?.length, key).toBeGreaterThan(0);
    }
  });

  it('when the workflow steps are listed, then every step of each workflow is declared once', () => {
    const steps = STEP_DECLARATIONS.map((declaration) => `${declaration.workflow}:${declaration.step}`);
    expect(new Set(steps).size).toBe(steps.length);
  });
});
