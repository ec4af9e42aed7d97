import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_DECLARATIONS, STEP_DECLARATIONS } from '../../shared/api/registry.js';
import {
  actionsOf,
  identityStatements,
  joinWithPlaceholders,
  resourcesOf,
  rolesAllowed,
  synthesizedApp,
  type AttachedStatement,
  type FunctionInfo,
  type SynthesizedApp,
} from './synthesized-app.js';

let synthesized: SynthesizedApp;
let statements: AttachedStatement[];
let functions: FunctionInfo[];
let stateMachineRoles: Set<string>;

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
  synthesized = synthesizedApp();
  statements = identityStatements(synthesized.computeTemplate);
  functions = synthesized.functions;
  const machines = Object.values(synthesized.computeTemplate.findResources('AWS::StepFunctions::StateMachine'));
  stateMachineRoles = new Set(machines.map((machine) => (machine.Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]));
});

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
      // Granted by the audit trail's stream event source mapping.
      'dynamodb:ListStreams',
    ];
    for (const action of onAnyResource) expect(withoutResourceLevel, action).toContain(action);
  });
});

describe('given the audit archive and its signing key', () => {
  // RecallAckArchive signs the package again after an acknowledgement; the acknowledgement link's function signs nothing.
  const ARCHIVERS = ['Archive', 'RecallArchive', 'RecallAckArchive', 'CloseRecall'];

  // The audit trail's checkpoint writers sign chain heads into audit-checkpoints/; the sealer signs segments into audit-segments/.
  const CHECKPOINT_WRITERS = ['RecordChanges', 'Checkpoint'];
  const SEALER = 'Seal';

  it('when kms:Sign is looked for, then only the order and recall archivers, the audit checkpoint writers and the audit sealer may sign', () => {
    expect(rolesAllowed(statements, 'kms:Sign')).toEqual(rolesOf(...ARCHIVERS, ...CHECKPOINT_WRITERS, SEALER));
  });

  it('when the functions behind open routes (emailed links, public) are looked at, then none declares or holds kms:Sign', () => {
    const open = ROUTE_DECLARATIONS.filter((declaration) => declaration.auth === 'link' || declaration.auth === 'public');
    expect(open.length).toBeGreaterThan(0);
    for (const declaration of open) {
      const signs = declaration.grants.some((grant) => grant.kind === 'signingKey' && grant.actions.includes('kms:Sign'));
      expect(signs, `${declaration.id} declares kms:Sign`).toBe(false);
      expect(statementsOf(declaration.id).flatMap(actionsOf), declaration.id).not.toContain('kms:Sign');
    }
  });

  it('when the audit sealer’s grants are listed, then it writes and locks objects under audit-segments/ only, signs, reads the audit table and puts manifests, nothing else', () => {
    const actions = statementsOf(SEALER)
      .flatMap(actionsOf)
      .filter((action) => /^(s3|kms|dynamodb):/.test(action))
      .sort();
    expect(actions).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'kms:Sign', 's3:PutObject', 's3:PutObjectRetention']);
    const put = statementsOf(SEALER).find((statement) => actionsOf(statement).includes('s3:PutObject'))!;
    expect(resourcesOf(put)).toEqual([{ 'Fn::Join': ['', [{ 'Fn::ImportValue': 'O2c-AuditBucketArn' }, '/audit-segments/*']] }]);
  });

  // The batch channel's staging bucket is the only other S3 grant (tests/cdk/batch-channel.test.ts).
  const onAuditBucket = (statement: AttachedStatement['statement']) => !JSON.stringify(resourcesOf(statement)).includes('batch-uploads');

  it('when s3:PutObject is looked for, then only the Archive function may write under orders/, the recall archivers only under recalls/, the checkpoint writers only under audit-checkpoints/', () => {
    expect(rolesAllowed(statements, 's3:PutObject')).toEqual(rolesOf(...ARCHIVERS, ...CHECKPOINT_WRITERS, SEALER, 'BatchUpload', 'BatchProcessor'));
    expect(
      new Set(statements.filter(({ statement }) => actionsOf(statement).includes('s3:PutObject') && onAuditBucket(statement)).flatMap(({ roles }) => roles)),
    ).toEqual(rolesOf(...ARCHIVERS, ...CHECKPOINT_WRITERS, SEALER));
    for (const name of CHECKPOINT_WRITERS) {
      const checkpoint = statementsOf(name).find((statement) => actionsOf(statement).includes('s3:PutObject'))!;
      expect(resourcesOf(checkpoint), name).toEqual([{ 'Fn::Join': ['', [{ 'Fn::ImportValue': 'O2c-AuditBucketArn' }, '/audit-checkpoints/*']] }]);
    }
    const put = statementsOf('Archive').find((statement) => actionsOf(statement).includes('s3:PutObject'))!;
    expect(resourcesOf(put)).toEqual([{ 'Fn::Join': ['', [{ 'Fn::ImportValue': 'O2c-AuditBucketArn' }, '/orders/*']] }]);
    for (const name of ['RecallArchive', 'RecallAckArchive', 'CloseRecall']) {
      const recallPut = statementsOf(name).find((statement) => actionsOf(statement).includes('s3:PutObject'))!;
      expect(resourcesOf(recallPut), name).toEqual([{ 'Fn::Join': ['', [{ 'Fn::ImportValue': 'O2c-AuditBucketArn' }, '/recalls/*']] }]);
    }
  });

  it('when any S3 or KMS action on the audit archive is looked for, then only the archivers and the compliance functions hold one, and nothing can delete or bypass retention', () => {
    const s3OrKms = statements.filter(({ statement }) => actionsOf(statement).some((action) => /^(s3|kms):/.test(action)) && onAuditBucket(statement));
    expect(new Set(s3OrKms.flatMap(({ roles }) => roles))).toEqual(
      rolesOf(...ARCHIVERS, ...CHECKPOINT_WRITERS, SEALER, 'Compliance', 'ComplianceDocuments', 'LegalHold', 'VerifyDocument'),
    );
    const actions = new Set(s3OrKms.flatMap(({ statement }) => actionsOf(statement)));
    for (const action of actions) expect(action).not.toMatch(/Delete|BypassGovernance|PutBucket|PutObjectLockConfiguration|\*/);
  });

  it('when the archivers’ grants are listed, then they may write objects, set retention and sign, nothing else in S3 or KMS', () => {
    for (const name of ARCHIVERS) {
      const actions = new Set(
        statementsOf(name)
          .flatMap(actionsOf)
          .filter((action) => /^(s3|kms):/.test(action)),
      );
      expect([...actions].sort(), name).toEqual(['kms:Sign', 's3:PutObject', 's3:PutObjectRetention']);
    }
  });

  it('when the compliance functions’ grants are listed, then they read the archive under orders/ only, the legal-hold function alone sets holds, and none writes or signs', () => {
    const s3KmsOf = (name: string) => statementsOf(name).filter((statement) => actionsOf(statement).some((action) => /^(s3|kms):/.test(action)));
    const actionsOfFn = (name: string) => s3KmsOf(name).flatMap(actionsOf).sort();
    expect(actionsOfFn('ComplianceDocuments')).toEqual([
      's3:GetObject',
      's3:GetObjectLegalHold',
      's3:GetObjectRetention',
      's3:GetObjectVersion',
      's3:ListBucketVersions',
    ]);
    expect(actionsOfFn('LegalHold')).toEqual(['s3:ListBucketVersions', 's3:PutObjectLegalHold']);
    // Orders' documents, checkpoints, and the sealed segments of the order's chain.
    expect(actionsOfFn('VerifyDocument')).toEqual([
      'kms:GetPublicKey',
      'kms:Verify',
      's3:GetObject',
      's3:GetObject',
      's3:GetObject',
      's3:GetObjectVersion',
      's3:GetObjectVersion',
    ]);
    expect(rolesAllowed(statements, 's3:PutObjectLegalHold')).toEqual(rolesOf('LegalHold'));
    expect(rolesAllowed(statements, 's3:PutObject')).toEqual(rolesOf(...ARCHIVERS, ...CHECKPOINT_WRITERS, SEALER, 'BatchUpload', 'BatchProcessor'));
    for (const name of ['ComplianceDocuments', 'LegalHold', 'VerifyDocument']) {
      for (const statement of s3KmsOf(name)) {
        const resources = JSON.stringify(resourcesOf(statement));
        if (actionsOf(statement).includes('s3:ListBucketVersions')) expect(statement.Condition).toEqual({ StringLike: { 's3:prefix': ['orders/*'] } });
        else if (actionsOf(statement).some((action) => action.startsWith('s3:')))
          expect(resources).toMatch(name === 'VerifyDocument' ? /\/(orders|audit-checkpoints|audit-segments)\/\*/ : /\/orders\/\*/);
      }
    }
  });

  it('when the compliance functions’ table grants are listed, then only the legal-hold function may write, with Put only', () => {
    const tableActions = (name: string) =>
      statementsOf(name)
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('dynamodb:'))
        .sort();
    expect(tableActions('ComplianceDocuments')).toEqual(['dynamodb:GetItem']);
    // GetItem/Query also on the audit table: the order's chain, read only.
    expect(tableActions('VerifyDocument')).toEqual(['dynamodb:GetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(tableActions('LegalHold')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
  });
});

describe('given the workflow and approval permissions', () => {
  it('when states:StartExecution is looked for, then only the intake functions (portal, EDI, batch upload and processor, a held order kept), the stream relay (its safety net) and its replay may start an order workflow, and CreateRecall a recall', () => {
    expect(rolesAllowed(statements, 'states:StartExecution')).toEqual(
      rolesOf('PlaceOrder', 'EdiX12Intake', 'BatchUpload', 'BatchProcessor', 'ResolveDuplicate', 'Publisher', 'ReplayKeptPublications', 'CreateRecall'),
    );
  });

  it('when states:DescribeExecution is looked for, then only the stuck-order sweep may read order executions', () => {
    expect(rolesAllowed(statements, 'states:DescribeExecution')).toEqual(rolesOf('SweepStuckOrders'));
  });

  it('when states:StopExecution is looked for, then only the recall containment may stop orders, and only executions of the order workflow', () => {
    expect(rolesAllowed(statements, 'states:StopExecution')).toEqual(rolesOf('RecallContain'));
    const stop = statementsOf('RecallContain').find((statement) => actionsOf(statement).includes('states:StopExecution'))!;
    expect(JSON.stringify(resourcesOf(stop))).toMatch(/:execution:.*OrderFulfilment/);
  });

  it('when task responses are looked for, then only ApprovalDecision (a signature) and ConfirmShipment (a complete scan) may resume a waiting order, and no function may fail a task', () => {
    expect(rolesAllowed(statements, 'states:SendTaskSuccess')).toEqual(rolesOf('ApprovalDecision', 'ConfirmShipment'));
    // Every outcome (a rejection, a superseded sibling) resumes the task with data; nothing calls SendTaskFailure.
    expect([...rolesAllowed(statements, 'states:SendTaskFailure')]).toEqual([]);
  });

  it('when the shipment confirmation’s grants are listed, then it may resume only the order workflow, use no index and start or stop nothing', () => {
    const resume = statementsOf('ConfirmShipment').filter((statement) => actionsOf(statement).some((action) => action.startsWith('states:')));
    expect(resume.flatMap(actionsOf)).toEqual(['states:SendTaskSuccess']);
    expect(JSON.stringify(resume.flatMap(resourcesOf))).toMatch(/OrderFulfilment/);
    expect(resume.flatMap(resourcesOf)).toHaveLength(1);
    const tableActions = statementsOf('ConfirmShipment')
      .flatMap(actionsOf)
      .filter((action) => action.startsWith('dynamodb:'))
      .sort();
    expect(tableActions).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(
      statementsOf('ConfirmShipment')
        .flatMap(resourcesOf)
        .some((resource) => JSON.stringify(resource).includes('/index/')),
    ).toBe(false);
  });

  it('when the warehouse work list’s grants are listed, then it only queries the table and GSI1', () => {
    expect(
      statementsOf('WarehousePicks')
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('dynamodb:')),
    ).toEqual(['dynamodb:Query']);
  });

  it('when cognito-idp:AdminInitiateAuth is looked for, then only ApprovalDecision may check a signature, on the user pool only', () => {
    expect(rolesAllowed(statements, 'cognito-idp:AdminInitiateAuth')).toEqual(rolesOf('ApprovalDecision'));
    const auth = statementsOf('ApprovalDecision').find((statement) => actionsOf(statement).includes('cognito-idp:AdminInitiateAuth'))!;
    expect(resourcesOf(auth)).toHaveLength(1);
    expect(JSON.stringify(resourcesOf(auth))).toMatch(/IdentityUsers/);
  });

  it.each(['RequestApproval', 'ApprovalDecision', 'RecallNotify'])(
    'when ses:SendEmail is looked for, then only the approval request, the lockout alert and the recall letters may send, only as the configured sender (%s)',
    (name) => {
      expect(rolesAllowed(statements, 'ses:SendEmail')).toEqual(rolesOf('RequestApproval', 'ApprovalDecision', 'RecallNotify'));
      const send = statementsOf(name).find((statement) => actionsOf(statement).includes('ses:SendEmail'))!;
      // Either scoped to the sender's SES identity (and the recall letters' configuration set), or to any identity but with the From address pinned.
      const scopedToIdentity =
        resourcesOf(send).length > 0 &&
        resourcesOf(send).some((resource) => JSON.stringify(resource).includes(':identity/')) &&
        resourcesOf(send).every((resource) => /:identity\/|:configuration-set\//.test(JSON.stringify(resource)) && !JSON.stringify(resource).includes('*'));
      const pinnedFromAddress = JSON.stringify(send.Condition ?? {}) === JSON.stringify({ StringEquals: { 'ses:FromAddress': 'orders@o2c.example.com' } });
      expect(scopedToIdentity || pinnedFromAddress, JSON.stringify(send)).toBe(true);
    },
  );

  it('when lambda:InvokeFunction is looked for, then only the state machines may invoke, and only the declared steps (fourteen order, four recall)', () => {
    expect(rolesAllowed(statements, 'lambda:InvokeFunction')).toEqual(stateMachineRoles);
    const invoked = statements
      .filter(({ statement }) => actionsOf(statement).includes('lambda:InvokeFunction'))
      .flatMap(({ statement }) => resourcesOf(statement))
      .filter((resource): resource is { 'Fn::GetAtt': [string, string] } => typeof resource === 'object' && resource !== null && 'Fn::GetAtt' in resource)
      .map((resource) => resource['Fn::GetAtt'][0]);
    const stepIds = STEP_DECLARATIONS.map((declaration) => declaration.id);
    expect(stepIds).toHaveLength(18);
    const steps = functions.filter((fn) => stepIds.includes(fn.name)).map((fn) => fn.logicalId);
    expect(new Set(invoked)).toEqual(new Set(steps));
  });
});

describe('given access to the order table', () => {
  // The audit table and the table's stream have their own section below.
  const onOrderTable = (statement: AttachedStatement['statement']) =>
    resourcesOf(statement).every((resource) => /ExportsOutputFnGetAttTable[A-Za-z0-9]*Arn/.test(JSON.stringify(resource)));
  const tableStatements = () =>
    statements.filter(
      ({ statement }) =>
        actionsOf(statement).some((action) => action.startsWith('dynamodb:')) &&
        onOrderTable(statement) &&
        !actionsOf(statement).includes('dynamodb:GetRecords'),
    );

  it('when index access is looked for, then only the exposure, free-serial, pending-approval and pick work-list readers (the recall containment withdraws pending approvals; the stuck-order sweep lists open orders by exposure) may use an index, and only GSI1', () => {
    const indexResources = tableStatements().flatMap(({ roles, statement }) =>
      resourcesOf(statement)
        .map((resource) => JSON.stringify(resource))
        .filter((resource) => resource.includes('/index/'))
        .map((resource) => ({ roles, resource })),
    );
    expect(new Set(indexResources.flatMap(({ roles }) => roles))).toEqual(
      rolesOf(
        'CreditCheck',
        'ConcludeApprovals',
        'EscalateApproval',
        'ApprovalDecision',
        'PendingApprovals',
        'Allocate',
        'WarehousePicks',
        'RecallContain',
        'SweepStuckOrders',
      ),
    );
    for (const { resource } of indexResources) expect(resource).toMatch(/"\/index\/GSI1"/);
  });

  it('when table statements are inspected, then every resource is the table itself or a named index', () => {
    const dynamoStatements = statements.filter(
      ({ statement }) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')) && !actionsOf(statement).includes('dynamodb:ListStreams'),
    );
    for (const { statement } of dynamoStatements) {
      for (const resource of resourcesOf(statement)) {
        expect(resource).not.toBe('*');
        expect(JSON.stringify(resource)).toMatch(/ExportsOutputFnGetAtt(Audit)?Table[A-Za-z0-9]*(Arn|StreamArn)/);
        expect(JSON.stringify(resource)).not.toMatch(/\/index\/\*/);
      }
    }
  });

  it('when the read-only handlers are inspected, then they cannot write to the table', () => {
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    expect(
      statementsOf('GetOrder')
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('dynamodb:'))
        .sort(),
    ).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(
      statementsOf('ApprovalPage')
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('dynamodb:'))
        .sort(),
    ).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(
      statementsOf('PendingApprovals')
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('dynamodb:')),
    ).toEqual(['dynamodb:Query']);
    for (const name of ['GetOrder', 'ApprovalPage', 'PendingApprovals']) {
      for (const write of writes) expect(statementsOf(name).flatMap(actionsOf), `${name} ${write}`).not.toContain(write);
    }
  });

  it('when the master-data handlers are inspected, then the reader only reads and the writer puts without deleting or using an index', () => {
    const tableActions = (name: string) =>
      statementsOf(name)
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('dynamodb:'))
        .sort();
    expect(tableActions('MasterDataRead')).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(tableActions('MasterDataWrite')).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    for (const name of ['MasterDataRead', 'MasterDataWrite']) {
      const resources = statementsOf(name)
        .flatMap(resourcesOf)
        .map((resource) => JSON.stringify(resource));
      expect(
        resources.some((resource) => resource.includes('/index/')),
        name,
      ).toBe(false);
    }
  });

  it('when deleting items is looked for, then only the idempotent intakes (PlaceOrder, EDI, BatchUpload), CreateRecall and ConfirmShipment may (for their idempotency records), and CloseRecall (a closed recall’s lot and serial claims)', () => {
    expect(rolesAllowed(statements, 'dynamodb:DeleteItem')).toEqual(
      rolesOf('PlaceOrder', 'EdiX12Intake', 'BatchUpload', 'CreateRecall', 'ConfirmShipment', 'CloseRecall'),
    );
  });

  it('when the compliance handler is inspected, then it only reads the order table', () => {
    const onTable = statementsOf('Compliance').filter(onOrderTable).flatMap(actionsOf).sort();
    expect(onTable).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
  });

  it('when the public document and health handlers are inspected, then they have no data access at all', () => {
    for (const name of ['OpenApi', 'Health']) {
      const actions = statementsOf(name).flatMap(actionsOf);
      expect(
        actions.every((action) => action.startsWith('xray:')),
        `${name}: ${actions.join(', ')}`,
      ).toBe(true);
    }
  });
});

describe('given the audit table and the table stream', () => {
  const onAuditTable = () => statements.filter(({ statement }) => resourcesOf(statement).some((resource) => /AuditTable/.test(JSON.stringify(resource))));

  it('when writes to the audit table are looked for, then only the stream consumer and the replay of its kept records, the checkpoint, the compliance access log and the sealer (manifests) may put, and nothing may update or delete', () => {
    const roles = new Set(
      onAuditTable()
        .filter(({ statement }) => actionsOf(statement).includes('dynamodb:PutItem'))
        .flatMap(({ roles }) => roles),
    );
    expect(roles).toEqual(rolesOf('RecordChanges', 'ReplayKeptRecords', 'Checkpoint', 'Compliance', 'Seal'));
    const actions = new Set(onAuditTable().flatMap(({ statement }) => actionsOf(statement)));
    for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan'])
      expect(actions.has(forbidden), forbidden).toBe(false);
    // ConditionCheckItem: a new chain's first append checks that the chain was never sealed.
    expect([...actions].sort()).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
  });

  it('when the table stream is looked for, then only its two consumers (audit trail, event publisher) read it', () => {
    expect(rolesAllowed(statements, 'dynamodb:GetRecords')).toEqual(rolesOf('RecordChanges', 'Publisher'));
  });
});

describe('given the signing key’s key policy', () => {
  interface KeyStatement {
    Sid?: string;
    Effect: string;
    Principal: unknown;
    Action: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
  }
  let keyStatements: KeyStatement[];
  /** The role names of the functions whose roles may sign (from the compute stack), in the ARN form the key policy names them. */
  let signerRoleNames: string[];

  beforeAll(() => {
    const [key] = Object.values(synthesized.dataTemplate.findResources('AWS::KMS::Key'));
    keyStatements = key!.Properties.KeyPolicy.Statement;
    const roles = synthesized.computeTemplate.findResources('AWS::IAM::Role');
    signerRoleNames = [...rolesAllowed(statements, 'kms:Sign')].map((logicalId) => joinWithPlaceholders(roles[logicalId]!.Properties.RoleName)).sort();
  });

  const denying = (action: string) => keyStatements.filter((statement) => statement.Effect === 'Deny' && [statement.Action].flat().includes(action));
  /** The role names the key policy's ARNs name (`arn:<partition>:iam::<account>:role/<name>`), intrinsics as <placeholders>. */
  const roleNamesIn = (arns: unknown) =>
    [arns]
      .flat()
      .map((arn) => {
        const text = joinWithPlaceholders(arn);
        expect(text).toMatch(/^arn:<AWS::Partition>:iam::<AWS::AccountId>:role\//);
        return text.replace(/^.*:role\//, '');
      })
      .sort();

  it('when kms:Sign is looked for, then it is denied to every principal but the roles of the signing functions, each of which has exactly that name', () => {
    const [deny, ...others] = denying('kms:Sign');
    expect(others).toEqual([]);
    expect(deny!.Principal).toEqual({ AWS: '*' });
    expect(Object.keys(deny!.Condition!)).toEqual(['ArnNotEquals']);
    expect(signerRoleNames.length).toBe(7);
    expect(roleNamesIn(deny!.Condition!.ArnNotEquals!['aws:PrincipalArn'])).toEqual(signerRoleNames);
  });

  it('when deleting or disabling the key is looked for, then both are denied to every principal but the account root', () => {
    for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey']) {
      const [deny, ...others] = denying(action);
      expect(others, action).toEqual([]);
      expect(deny!.Principal, action).toEqual({ AWS: '*' });
      expect(JSON.stringify(deny!.Condition), action).toMatch(
        /"ArnNotEquals":\{"aws:PrincipalArn":\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},":iam::",\{"Ref":"AWS::AccountId"\},":root"\]\]\}\}/,
      );
    }
  });

  it('when the account is looked for, then it keeps administering the key (the root principal is allowed kms:*, so the key is never locked out)', () => {
    const root = keyStatements.find((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Principal).includes(':root'));
    expect(root?.Action).toBe('kms:*');
  });
});
