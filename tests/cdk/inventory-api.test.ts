import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  identityStatements,
  resourcesOf,
  synthesizedApp,
  type AttachedStatement,
  type FunctionInfo,
  type SynthesizedApp,
} from './synthesized-app.js';

let synthesized: SynthesizedApp;
let template: Template;
let statements: AttachedStatement[];
let functions: FunctionInfo[];

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  statements = identityStatements(template);
  functions = synthesized.functions;
});

const roleOf = (name: string) => {
  const fn = functions.find((candidate) => candidate.name === name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn.roleLogicalId;
};
const tableActionsOf = (name: string) =>
  statements
    .filter(({ roles, statement }) => roles.includes(roleOf(name)) && statement.Effect === 'Allow')
    .flatMap(({ statement }) => actionsOf(statement))
    .filter((action) => action.startsWith('dynamodb:'))
    .sort();
const environmentOf = (name: string) => {
  const fn = functions.find((candidate) => candidate.name === name)!;
  return (template.toJSON().Resources[fn.logicalId].Properties.Environment.Variables ?? {}) as Record<string, unknown>;
};

describe('given the inventory routes', () => {
  it.each([
    ['ReceiveGoods', 'warehouse'],
    ['InspectLot', 'quality'],
    ['HoldLot', 'quality'],
    ['GetStock', 'warehouse,quality,order-desk'],
    ['GetLot', 'warehouse,quality,order-desk'],
    ['Trace', 'quality,order-desk'],
    ['PickCheck', 'warehouse'],
  ])('when %s is inspected, then only the groups %s may use it', (name, groups) => {
    expect(environmentOf(name).ALLOWED_GROUPS).toBe(groups);
  });
});

describe('given the table grants of the inventory functions', () => {
  it('when the readers are inspected, then they can only read', () => {
    expect(tableActionsOf('GetStock')).toEqual(['dynamodb:Query']);
    expect(tableActionsOf('GetLot')).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(tableActionsOf('Trace')).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(tableActionsOf('PickCheck')).toEqual(['dynamodb:Query']);
  });

  it('when receiving is inspected, then it may read products and write in a transaction, but never delete, scan or query', () => {
    expect(tableActionsOf('ReceiveGoods')).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  it('when quality decisions are inspected, then they may read the lot, update its status and put its event, nothing else', () => {
    expect(tableActionsOf('HoldLot')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    // Inspection also reads who received the lot: the receiver may not release it.
    expect(tableActionsOf('InspectLot')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
  });

  it('when their resources are inspected, then each is the table itself, no index', () => {
    for (const name of ['ReceiveGoods', 'InspectLot', 'HoldLot', 'GetStock', 'GetLot', 'Trace', 'PickCheck']) {
      const resources = statements
        .filter(({ roles, statement }) => roles.includes(roleOf(name)) && actionsOf(statement).some((action) => action.startsWith('dynamodb:')))
        .flatMap(({ statement }) => resourcesOf(statement));
      expect(resources, name).toHaveLength(1);
      expect(JSON.stringify(resources[0])).not.toMatch(/index/);
    }
  });
});

describe('given the user directory', () => {
  it('when its groups are listed, then quality and warehouse exist', () => {
    synthesized.dataTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'quality' });
    synthesized.dataTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'warehouse' });
  });

  it('when the staff client is inspected, then it signs users in with user name and password, has no secret and hides unknown users', () => {
    synthesized.dataTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'staff',
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});
