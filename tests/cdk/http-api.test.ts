import { DEFAULT_PARTNERS } from '../../infra/config.js';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_DECLARATIONS } from '../../shared/api/registry.js';
import { routeKey } from '../../shared/platform/registry.js';
import { synthesizedApp, type SynthesizedApp } from './synthesized-app.js';

const isOpen = (auth: string) => auth === 'link' || auth === 'public';
const tokenRoutes = ROUTE_DECLARATIONS.filter((declaration) => !isOpen(declaration.auth)).flatMap((declaration) => declaration.routes.map(routeKey));
const openRoutes = ROUTE_DECLARATIONS.filter((declaration) => isOpen(declaration.auth)).flatMap((declaration) => declaration.routes.map(routeKey));

interface Route {
  RouteKey: string;
  AuthorizationType: string;
  AuthorizerId?: { Ref: string };
  Target: unknown;
}

let synthesized: SynthesizedApp;
let template: Template;
let routes: Map<string, Route>;
let authorizerId: string;

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  routes = new Map(
    Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((resource) => {
      const route = resource.Properties as Route;
      return [route.RouteKey, route];
    }),
  );
  const authorizers = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
  expect(authorizers).toHaveLength(1);
  authorizerId = authorizers[0]!;
});

describe('given the HTTP API', () => {
  it('when its routes are listed, then exactly the declared routes exist', () => {
    expect([...routes.keys()].sort()).toEqual(ROUTE_DECLARATIONS.flatMap((declaration) => declaration.routes.map(routeKey)).sort());
  });

  it.each(tokenRoutes)('when %s is called, then the JWT authorizer guards it', (key) => {
    expect(routes.get(key)).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
  });

  it('when the routes open to a browser or the public are listed, then they are only the emailed links (approvals, recall acknowledgements), the API description and the health check', () => {
    const open = [...routes.values()]
      .filter((route) => route.AuthorizationType === 'NONE')
      .map((route) => route.RouteKey)
      .sort();
    expect(open).toEqual(openRoutes.sort());
    for (const key of open) expect(key, key).toMatch(/^(GET|POST) \/v1\/(approvals|recall-acks)\/\{|^GET \/(health|v1\/openapi\.json|v1\/docs)/);
  });

  it('when the JWT authorizer is inspected, then it trusts the user pool as issuer and every partner client and the staff client as audience', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { 'Fn::ImportValue': Match.stringLikeRegexp('IdentityUsers') }]],
        },
        Audience: [
          ...DEFAULT_PARTNERS.map((partner) => ({ 'Fn::ImportValue': Match.stringLikeRegexp(`Partner${partner.id.replaceAll('-', '')}`) })),
          { 'Fn::ImportValue': Match.stringLikeRegexp('IdentityUsersStaff') },
        ],
      },
    });
    const properties = template.toJSON().Resources[authorizerId].Properties;
    expect(properties.JwtConfiguration.Issuer['Fn::Join'][1][3]['Fn::ImportValue']).not.toMatch(/Partner/);
  });

  it('when each route is followed to its integration, then it reaches the function its declaration names', () => {
    const resources = template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;
    const functions = synthesized.functions;
    const handlerOf = (routeKey: string) => {
      const target = routes.get(routeKey)!.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = resources[target['Fn::Join'][1][1].Ref]!.Properties as { IntegrationUri: { 'Fn::GetAtt': [string, string] } };
      return functions.find((fn) => fn.logicalId === integration.IntegrationUri['Fn::GetAtt'][0])?.name;
    };
    for (const declaration of ROUTE_DECLARATIONS)
      for (const route of declaration.routes) expect(handlerOf(routeKey(route)), routeKey(route)).toBe(declaration.id);
  });

  it('when the default stage is inspected, then it auto-deploys and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
  });
});
