import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  functionsOf,
  identityStatements,
  resourcesOf,
  rolesAllowed,
  synthesize,
  type AttachedStatement,
  type FunctionInfo,
  type SynthesizedApp,
} from './synthesized-app.js';

let synthesized: SynthesizedApp;
let statements: AttachedStatement[];
let functions: FunctionInfo[];
let stateMachineRole: string;

/** The role logical ids of the named functions. */
const rolesOf = (...names: string[]) =>
  new Set(
    names.map((name) => {
      const fn = functions.find((candidate) => candidate.name === name);
      if (!fn) throw new Error(`no function ${name}`);
      return fn.roleLogicalId;
    }),
  );

/** Statements that apply to the named function's role. */
const statementsOf = (name: string) => {
  const [role] = rolesOf(name);
  return statements.filter((entry) => entry.roles.includes(role!) && entry.statement.Effect === 'Allow').map((entry) => entry.statement);
};

beforeAll(() => {
  synthesized = synthesize();
  statements = identityStatements(synthesized.computeTemplate);
  functions = functionsOf(synthesized.compute);
  const machine = Object.values(synthesized.computeTemplate.findResources('AWS::StepFunctions::StateMachine'))[0]!;
  stateMachineRole = (machine.Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
});
afterAll(() => synthesized?.dispose());

describe('given the identity policies of the compute stack', () => {
  it('when every allowed action is listed, then none is a wildcard, a service wildcard or a table scan', () => {
    const allowed = statements.filter(({ statement }) => statement.Effect === 'Allow').flatMap(({ statement }) => actionsOf(statement));
    expect(allowed.length).toBeGreaterThan(0);
    for (const action of allowed) {
      expect(action, action).not.toBe('*');
      expect(action, action).not.toMatch(/:\*$/);
      expect(action, action).not.toMatch(/\*/);
    }
    expect(allowed).not.toContain('dynamodb:Scan');
    expect(allowed).not.toContain('dynamodb:*');
    expect(allowed).not.toContain('s3:*');
  });

  it('when the data stack is inspected, then it grants no identity permissions of its own', () => {
    expect(identityStatements(synthesized.dataTemplate)).toEqual([]);
  });

  it('when an action is allowed on every resource, then it is one of the few AWS actions without resource-level permissions', () => {
    const onAnyResource = statements
      .filter(({ statement }) => statement.Effect === 'Allow' && resourcesOf(statement).includes('*'))
      .flatMap(({ statement }) => actionsOf(statement));
    const withoutResourceLevel = [
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'xray:GetSamplingRules',
      'xray:GetSamplingTargets',
      'ses:SendEmail',
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
    ];
    for (const action of onAnyResource) expect(withoutResourceLevel, action).toContain(action);
  });
});

describe('given the audit archive and its signing key', () => {
  it('when kms:Sign is looked for, then only the Archive function may sign', () => {
    expect(rolesAllowed(statements, 'kms:Sign')).toEqual(rolesOf('Archive'));
  });

  it('when s3:PutObject is looked for, then only the Archive function may write, and only under orders/', () => {
    expect(rolesAllowed(statements, 's3:PutObject')).toEqual(rolesOf('Archive'));
    const put = statementsOf('Archive').find((statement) => actionsOf(statement).includes('s3:PutObject'))!;
    expect(resourcesOf(put)).toEqual([{ 'Fn::Join': ['', [{ 'Fn::ImportValue': 'O2c-AuditBucketArn' }, '/orders/*']] }]);
  });

  it('when any S3 or KMS action is looked for, then nothing but Archive holds one, and nothing can delete or bypass retention', () => {
    const s3OrKms = statements.filter(({ statement }) => actionsOf(statement).some((action) => /^(s3|kms):/.test(action)));
    expect(new Set(s3OrKms.flatMap(({ roles }) => roles))).toEqual(rolesOf('Archive'));
    const actions = s3OrKms.flatMap(({ statement }) => actionsOf(statement)).sort();
    expect(actions).toEqual(['kms:Sign', 's3:PutObject', 's3:PutObjectRetention']);
  });
});

describe('given the workflow and approval permissions', () => {
  it('when states:StartExecution is looked for, then only the intake of a channel (PlaceOrder, EDI X12) may start an order workflow', () => {
    expect(rolesAllowed(statements, 'states:StartExecution')).toEqual(rolesOf('PlaceOrder', 'EdiX12Intake'));
  });

  it('when task responses are looked for, then only ApprovalDecision may send them', () => {
    expect(rolesAllowed(statements, 'states:SendTaskSuccess')).toEqual(rolesOf('ApprovalDecision'));
    expect(rolesAllowed(statements, 'states:SendTaskFailure')).toEqual(rolesOf('ApprovalDecision'));
  });

  it('when cognito-idp:AdminInitiateAuth is looked for, then only ApprovalDecision may check a signature, on the user pool only', () => {
    expect(rolesAllowed(statements, 'cognito-idp:AdminInitiateAuth')).toEqual(rolesOf('ApprovalDecision'));
    const auth = statementsOf('ApprovalDecision').find((statement) => actionsOf(statement).includes('cognito-idp:AdminInitiateAuth'))!;
    expect(resourcesOf(auth)).toHaveLength(1);
    expect(JSON.stringify(resourcesOf(auth))).toMatch(/IdentityUsers/);
  });

  it.each(['RequestApproval', 'ApprovalDecision'])('when ses:SendEmail is looked for, then only the approval request and the lockout alert may send, only as the configured sender (%s)', (name) => {
    expect(rolesAllowed(statements, 'ses:SendEmail')).toEqual(rolesOf('RequestApproval', 'ApprovalDecision'));
    const send = statementsOf(name).find((statement) => actionsOf(statement).includes('ses:SendEmail'))!;
    // Either scoped to the sender's SES identity, or to any identity but with the From address pinned.
    const scopedToIdentity =
      resourcesOf(send).length > 0 &&
      resourcesOf(send).every((resource) => JSON.stringify(resource).includes(':identity/') && !JSON.stringify(resource).includes('*'));
    const pinnedFromAddress = JSON.stringify(send.Condition ?? {}) === JSON.stringify({ StringEquals: { 'ses:FromAddress': 'orders@o2c.example.com' } });
    expect(scopedToIdentity || pinnedFromAddress, JSON.stringify(send)).toBe(true);
  });

  it('when lambda:InvokeFunction is looked for, then only the state machine may invoke, and only the twelve step functions', () => {
    expect(rolesAllowed(statements, 'lambda:InvokeFunction')).toEqual(new Set([stateMachineRole]));
    const invoked = statements
      .filter(({ statement }) => actionsOf(statement).includes('lambda:InvokeFunction'))
      .flatMap(({ statement }) => resourcesOf(statement))
      .filter((resource): resource is { 'Fn::GetAtt': [string, string] } => typeof resource === 'object' && resource !== null && 'Fn::GetAtt' in resource)
      .map((resource) => resource['Fn::GetAtt'][0]);
    const steps = functions.filter((fn) => fn.logicalId.startsWith('Steps')).map((fn) => fn.logicalId);
    expect(new Set(invoked)).toEqual(new Set(steps));
    expect(steps).toHaveLength(12);
  });
});

describe('given access to the order table', () => {
  const tableStatements = () => statements.filter(({ statement }) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));

  it('when index access is looked for, then only the exposure, free-serial and pending-approval readers may use an index, and only GSI1', () => {
    const indexResources = tableStatements().flatMap(({ roles, statement }) =>
      resourcesOf(statement)
        .map((resource) => JSON.stringify(resource))
        .filter((resource) => resource.includes('/index/'))
        .map((resource) => ({ roles, resource })),
    );
    expect(new Set(indexResources.flatMap(({ roles }) => roles))).toEqual(
      rolesOf('CreditCheck', 'ConcludeApprovals', 'EscalateApproval', 'ApprovalDecision', 'PendingApprovals', 'Allocate'),
    );
    for (const { resource } of indexResources) expect(resource).toMatch(/"\/index\/GSI1"/);
  });

  it('when table statements are inspected, then every resource is the table itself or a named index', () => {
    for (const { statement } of tableStatements()) {
      for (const resource of resourcesOf(statement)) {
        expect(resource).not.toBe('*');
        expect(JSON.stringify(resource)).toMatch(/ExportsOutputFnGetAttTable[A-Za-z0-9]*Arn/);
        expect(JSON.stringify(resource)).not.toMatch(/\/index\/\*/);
      }
    }
  });

  it('when the read-only handlers are inspected, then they cannot write to the table', () => {
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    expect(statementsOf('GetOrder').flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(statementsOf('ApprovalPage').flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(statementsOf('PendingApprovals').flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:Query']);
    for (const name of ['GetOrder', 'ApprovalPage', 'PendingApprovals']) {
      for (const write of writes) expect(statementsOf(name).flatMap(actionsOf), `${name} ${write}`).not.toContain(write);
    }
  });

  it('when the master-data handlers are inspected, then the reader only reads and the writer puts without deleting or using an index', () => {
    const tableActions = (name: string) => statementsOf(name).flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:')).sort();
    expect(tableActions('MasterDataRead')).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(tableActions('MasterDataWrite')).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    for (const name of ['MasterDataRead', 'MasterDataWrite']) {
      const resources = statementsOf(name).flatMap(resourcesOf).map((resource) => JSON.stringify(resource));
      expect(resources.some((resource) => resource.includes('/index/')), name).toBe(false);
    }
  });

  it('when deleting items is looked for, then only the idempotent intakes may (for their idempotency records)', () => {
    expect(rolesAllowed(statements, 'dynamodb:DeleteItem')).toEqual(rolesOf('PlaceOrder', 'EdiX12Intake'));
  });

  it('when the public document and health handlers are inspected, then they have no data access at all', () => {
    for (const name of ['OpenApi', 'Health']) {
      const actions = statementsOf(name).flatMap(actionsOf);
      expect(actions.every((action) => action.startsWith('xray:')), `${name}: ${actions.join(', ')}`).toBe(true);
    }
  });
});
