import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_DECLARATIONS } from '../../shared/api/registry.js';
import { routeKey, STAGE_THROTTLE } from '../../shared/platform/registry.js';
import { synthesizedApp, type FunctionInfo } from './synthesized-app.js';

interface RouteSetting {
  ThrottlingRateLimit: number;
  ThrottlingBurstLimit: number;
}

interface StageResource {
  Properties: {
    DefaultRouteSettings: RouteSetting;
    RouteSettings?: Record<string, RouteSetting>;
  };
  DependsOn?: string[];
}

let template: Template;
let functions: FunctionInfo[];
let stage: StageResource;

beforeAll(() => {
  const synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  functions = synthesized.functions;
  const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage')) as StageResource[];
  expect(stages).toHaveLength(1);
  stage = stages[0]!;
});

const isOpen = (auth: string) => auth === 'link' || auth === 'public';
const openDeclarations = ROUTE_DECLARATIONS.filter((declaration) => isOpen(declaration.auth));
const reservedConcurrencyOf = (id: string): number | undefined => {
  const fn = functions.find((candidate) => candidate.name === id)!;
  const resource = template.toJSON().Resources[fn.logicalId] as { Properties: { ReservedConcurrentExecutions?: number } };
  return resource.Properties.ReservedConcurrentExecutions;
};

describe('given the synthesized API stage and the route registry', () => {
  it('when the stage default is read, then it is the registry’s stage throttle', () => {
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: STAGE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit,
    });
  });

  it('when every link and public route is looked up in the stage’s route settings, then each has a throttle of its own below the stage default', () => {
    expect(openDeclarations.length).toBeGreaterThan(0);
    for (const declaration of openDeclarations) {
      for (const route of declaration.routes) {
        const setting = stage.Properties.RouteSettings?.[routeKey(route)];
        expect(setting, routeKey(route)).toBeDefined();
        expect(setting!.ThrottlingRateLimit, routeKey(route)).toBeLessThan(STAGE_THROTTLE.rateLimit);
        expect(setting!.ThrottlingBurstLimit, routeKey(route)).toBeLessThan(STAGE_THROTTLE.burstLimit);
      }
    }
  });

  it('when the function behind every link and public route is read, then it has reserved concurrency (a cap a flood cannot pass)', () => {
    for (const declaration of openDeclarations) {
      expect(reservedConcurrencyOf(declaration.id), declaration.id).toBeGreaterThan(0);
    }
  });

  it('when token routes are looked up, then they have no route settings and no reserved concurrency unless declared (they share the stage and the account)', () => {
    for (const declaration of ROUTE_DECLARATIONS.filter((candidate) => !isOpen(candidate.auth))) {
      for (const route of declaration.routes) {
        expect(stage.Properties.RouteSettings?.[routeKey(route)] !== undefined, routeKey(route)).toBe(declaration.throttle !== undefined);
      }
      expect(reservedConcurrencyOf(declaration.id), declaration.id).toBe(declaration.reservedConcurrency);
    }
  });

  it('when the stage’s dependencies are read, then it is created after every route it has settings for (API Gateway refuses settings for a missing route)', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const throttled = Object.keys(stage.Properties.RouteSettings ?? {});
    const dependedOn = new Set(stage.DependsOn ?? []);
    for (const key of throttled) {
      const logicalId = Object.entries(routes).find(([, resource]) => (resource.Properties as { RouteKey: string }).RouteKey === key)?.[0];
      expect(logicalId, key).toBeDefined();
      expect(dependedOn.has(logicalId!), key).toBe(true);
    }
  });
});
