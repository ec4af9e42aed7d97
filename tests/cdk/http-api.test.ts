import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionsOf, synthesize, type SynthesizedApp } from './synthesized-app.js';

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
  synthesized = synthesize();
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
afterAll(() => synthesized?.dispose());

describe('given the HTTP API', () => {
  it('when its routes are listed, then exactly the documented routes exist', () => {
    expect([...routes.keys()].sort()).toEqual(
      [
      'DELETE /v1/compliance/documents/{orderId}/legal-hold',
      'GET /health',
      'GET /v1/approvals',
      'GET /v1/approvals/{approvalId}',
      'GET /v1/channels/batch/{batchId}',
      'GET /v1/compliance/documents/{orderId}',
      'GET /v1/compliance/records',
      'GET /v1/channels/edi/x12/acks/{controlNumber}',
      'GET /v1/inventory',
      'GET /v1/invoices/{invoiceNumber}',
      'GET /v1/inventory/lots/{lotId}',
      'GET /v1/master/{kind}',
      'GET /v1/master/{kind}/{id}',
      'GET /v1/master/{kind}/{id}/history',
      'GET /v1/openapi.json',
      'GET /v1/orders/{orderId}',
      'GET /v1/recall-acks/{ackId}',
      'GET /v1/recalls/{recallId}',
      'GET /v1/recalls/{recallId}/package',
      'GET /v1/trace/lots/{gtin}/{lot}',
      'GET /v1/trace/orders/{orderId}',
      'GET /v1/trace/serials/{gtin}/{serial}',
      'GET /v1/warehouse/picks',
      'GET /v1/warehouse/picks/{orderId}',
      'POST /v1/approvals/{approvalId}',
      'POST /v1/channels/batch',
      'POST /v1/compliance/verify',
      'POST /v1/compliance/verify-chain',
      'POST /v1/channels/edi/x12',
      'POST /v1/inventory/lots/{lotId}/hold',
      'POST /v1/inventory/lots/{lotId}/inspection',
      'POST /v1/inventory/receipts',
      'POST /v1/invoices/{invoiceNumber}/payments',
      'POST /v1/master/{kind}',
      'POST /v1/orders',
      'POST /v1/orders/{orderId}/cancel',
      'POST /v1/orders/{orderId}/keep',
      'POST /v1/orders/{orderId}/merge',
      'POST /v1/orders/{orderId}/pick-check',
      'POST /v1/recall-acks/{ackId}',
      'POST /v1/shipments',
      'POST /v1/recalls',
      'POST /v1/recalls/{recallId}/close',
      'PUT /v1/compliance/documents/{orderId}/legal-hold',
      'PUT /v1/master/{kind}/{id}',
      ].sort(),
    );
  });

  it.each([
    'POST /v1/orders',
    'GET /v1/orders/{orderId}',
    'GET /v1/approvals',
    'GET /v1/master/{kind}',
    'GET /v1/master/{kind}/{id}',
    'GET /v1/master/{kind}/{id}/history',
    'POST /v1/master/{kind}',
    'PUT /v1/master/{kind}/{id}',
    'POST /v1/recalls',
    'GET /v1/recalls/{recallId}',
    'GET /v1/recalls/{recallId}/package',
    'POST /v1/recalls/{recallId}/close',
    'POST /v1/channels/edi/x12',
    'GET /v1/channels/edi/x12/acks/{controlNumber}',
    'GET /v1/warehouse/picks',
    'GET /v1/warehouse/picks/{orderId}',
    'POST /v1/shipments',
  ])('when %s is called, then a JWT authorizer guards it', (routeKey) => {
    expect(routes.get(routeKey)).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
  });

  it('when the routes open to a browser or the public are listed, then they are only the approval and recall acknowledgement links, the document and the health check', () => {
    const open = [...routes.values()].filter((route) => route.AuthorizationType === 'NONE').map((route) => route.RouteKey).sort();
    expect(open).toEqual([
      'GET /health',
      'GET /v1/approvals/{approvalId}',
      'GET /v1/openapi.json',
      'GET /v1/recall-acks/{ackId}',
      'POST /v1/approvals/{approvalId}',
      'POST /v1/recall-acks/{ackId}',
    ]);
  });

  it('when the JWT authorizer is inspected, then it trusts the user pool as issuer and every channel client and the staff client as audience', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { 'Fn::ImportValue': Match.stringLikeRegexp('IdentityUsers') }]] },
        Audience: [
          { 'Fn::ImportValue': Match.stringLikeRegexp('PortalChannel') },
          { 'Fn::ImportValue': Match.stringLikeRegexp('EdiChannel') },
          { 'Fn::ImportValue': Match.stringLikeRegexp('BatchChannel') },
          { 'Fn::ImportValue': Match.stringLikeRegexp('IdentityUsersStaff') },
        ],
      },
    });
    const properties = template.toJSON().Resources[authorizerId].Properties;
    expect(properties.JwtConfiguration.Issuer['Fn::Join'][1][3]['Fn::ImportValue']).not.toMatch(/PortalChannel/);
  });

  it('when each order route is followed to its integration, then it reaches its own handler', () => {
    const resources = template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;
    const functions = functionsOf(synthesized.compute);
    const handlerOf = (routeKey: string) => {
      const target = routes.get(routeKey)!.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = resources[target['Fn::Join'][1][1].Ref]!.Properties as { IntegrationUri: { 'Fn::GetAtt': [string, string] } };
      return functions.find((fn) => fn.logicalId === integration.IntegrationUri['Fn::GetAtt'][0])?.name;
    };
    expect(handlerOf('POST /v1/orders')).toBe('PlaceOrder');
    expect(handlerOf('GET /v1/orders/{orderId}')).toBe('GetOrder');
    for (const action of ['merge', 'keep', 'cancel']) expect(handlerOf(`POST /v1/orders/{orderId}/${action}`), action).toBe('ResolveDuplicate');
    expect(handlerOf('POST /v1/approvals/{approvalId}')).toBe('ApprovalDecision');
    for (const read of ['GET /v1/master/{kind}', 'GET /v1/master/{kind}/{id}', 'GET /v1/master/{kind}/{id}/history']) expect(handlerOf(read), read).toBe('MasterDataRead');
    expect(handlerOf('POST /v1/master/{kind}')).toBe('MasterDataWrite');
    expect(handlerOf('PUT /v1/master/{kind}/{id}')).toBe('MasterDataWrite');
  });

  it('when the default stage is inspected, then it auto-deploys and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
  });
});
