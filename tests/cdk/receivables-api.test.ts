import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, functionsOf, identityStatements, resourcesOf, synthesize, type AttachedStatement, type FunctionInfo, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
let template: Template;
let statements: AttachedStatement[];
let functions: FunctionInfo[];

beforeAll(() => {
  synthesized = synthesize();
  template = synthesized.computeTemplate;
  statements = identityStatements(template);
  functions = functionsOf(synthesized.compute);
});
afterAll(() => synthesized?.dispose());

const functionNamed = (name: string) => {
  const fn = functions.find((candidate) => candidate.name === name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
};
const allowedFor = (name: string) =>
  statements.filter(({ roles, statement }) => roles.includes(functionNamed(name).roleLogicalId) && statement.Effect === 'Allow').map(({ statement }) => statement);
const tableActionsOf = (name: string) => allowedFor(name).flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:')).sort();
const allowedGroupsOf = (name: string) => template.toJSON().Resources[functionNamed(name).logicalId].Properties.Environment.Variables.ALLOWED_GROUPS;

describe('given the receivables routes', () => {
  it('when they are listed, then both need a JWT', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'))
      .map((resource) => resource.Properties as { RouteKey: string; AuthorizationType: string })
      .filter((route) => route.RouteKey.includes('/v1/invoices'));
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['GET /v1/invoices/{invoiceNumber}', 'POST /v1/invoices/{invoiceNumber}/payments']);
    for (const route of routes) expect(route.AuthorizationType, route.RouteKey).toBe('JWT');
  });

  it('when the groups are inspected, then only accounts receivable applies payments and the order desk, finance and credit control may read', () => {
    expect(allowedGroupsOf('RecordPayment')).toBe('accounts-receivable');
    expect(allowedGroupsOf('GetInvoice')).toBe('accounts-receivable,order-desk,finance,credit-controller');
  });

  it('when the table grants are inspected, then the reader only reads, the writer never deletes, and neither touches an index', () => {
    expect(tableActionsOf('GetInvoice')).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(tableActionsOf('RecordPayment')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    for (const name of ['GetInvoice', 'RecordPayment']) {
      const resources = allowedFor(name).filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:'))).flatMap(resourcesOf);
      expect(resources, name).toHaveLength(1);
      expect(JSON.stringify(resources[0]), name).not.toMatch(/index/);
    }
  });

  it('when the user directory is inspected, then the accounts-receivable group exists', () => {
    synthesized.dataTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'accounts-receivable' });
  });
});
