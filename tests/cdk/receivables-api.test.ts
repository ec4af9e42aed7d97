import { beforeAll, describe, expect, it } from 'vitest';
import { functionGrants, resourcesOf, actionsOf, synthesizedApp, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
let grants: ReturnType<typeof functionGrants>;

beforeAll(() => {
  synthesized = synthesizedApp();
  grants = functionGrants(synthesized);
});

const tableActionsOf = (name: string) => grants.actionsFor(name, 'dynamodb');
const allowedGroupsOf = (name: string) => grants.environmentOf(name).ALLOWED_GROUPS;

describe('given the receivables routes', () => {
  it('when the groups are inspected, then only accounts receivable applies payments and the order desk, finance and credit control may read', () => {
    expect(allowedGroupsOf('RecordPayment')).toBe('accounts-receivable');
    expect(allowedGroupsOf('GetInvoice')).toBe('accounts-receivable,order-desk,finance,credit-controller');
  });

  it('when the table grants are inspected, then the reader only reads, the writer never deletes, and neither touches an index', () => {
    expect(tableActionsOf('GetInvoice')).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(tableActionsOf('RecordPayment')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    for (const name of ['GetInvoice', 'RecordPayment']) {
      const resources = grants
        .allowedFor(name)
        .filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')))
        .flatMap(resourcesOf);
      expect(resources, name).toHaveLength(1);
      expect(JSON.stringify(resources[0]), name).not.toMatch(/index/);
    }
  });

  it('when the user directory is inspected, then the accounts-receivable group exists', () => {
    synthesized.dataTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'accounts-receivable' });
  });
});
