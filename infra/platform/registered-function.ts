import { ArnFormat, Duration, Fn, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import {
  GROUP_SETTINGS,
  routeKey,
  routeLimitsOf,
  type FunctionDeclaration,
  type Grant,
  type RouteDeclaration,
  type RouteThrottle,
} from '../../shared/platform/registry.js';
import { routeScopes } from '../../shared/platform/token-scopes.js';
import type { DeploymentConfig } from '../config.js';
import { HouseFunction } from './house-function.js';
import type { Identity } from './identity.js';
import { acknowledge, findingResource } from './nag.js';
import { grantTable } from './table-access.js';
import { signerRoleName, signs } from './signers.js';

/**
 * Everything a declaration's settings and grants can name. Built once by the
 * stack; constructs add what they own (a recall workflow, an upload bucket)
 * with `{ ...bindings, ... }`.
 */
export interface Bindings {
  config: DeploymentConfig;
  table: ITableV2;
  identity: Identity;
  auditTable: ITableV2;
  auditBucket: IBucket;
  signingKey: IKey;
  senderIdentityArn: string;
  publicApiUrl: string;
  orderWorkflow?: IStateMachine;
  recallWorkflow?: IStateMachine;
  letterConfigurationSetArn?: string;
  /** Settings only one construct can provide (its own bucket, topic or bus), by setting name. */
  local?: Record<string, string>;
  /** The domain event bus, bound by the construct that owns it. */
  eventBus?: IEventBus;
  /** The ARN of the upload bucket a construct owns (a string: its policies must not reference the bucket resource, whose notifications reference the function). */
  uploadBucketArn?: string;
}

const need = <T>(value: T | undefined, what: string, declaration: FunctionDeclaration): T => {
  if (value === undefined) throw new Error(`${declaration.id} needs ${what}, which the construct building it did not bind`);
  return value;
};

/** The value CDK gives one setting of a declaration: the one table from setting name to deployed value. */
function settingValue(name: string, declaration: FunctionDeclaration, bindings: Bindings): string {
  const { config, identity } = bindings;
  if ((GROUP_SETTINGS as readonly string[]).includes(name)) {
    return need((declaration as RouteDeclaration).groups, 'groups', declaration).join(',');
  }
  const local = bindings.local?.[name];
  if (local !== undefined) return local;
  const values: Record<string, () => string> = {
    TABLE_NAME: () => bindings.table.tableName,
    AUDIT_TABLE_NAME: () => bindings.auditTable.tableName,
    AUDIT_BUCKET: () => bindings.auditBucket.bucketName,
    SIGNING_KEY_ID: () => bindings.signingKey.keyArn,
    CHANNEL_CLIENTS: () => identity.channelClientsSetting(),
    PARTNERS: () => JSON.stringify(config.partners),
    USER_POOL_ID: () => identity.userPool.userPoolId,
    APPROVALS_CLIENT_ID: () => identity.approvalsClient.userPoolClientId,
    STATE_MACHINE_ARN: () => need(bindings.orderWorkflow, 'the order workflow', declaration).stateMachineArn,
    ORDER_STATE_MACHINE_ARN: () => need(bindings.orderWorkflow, 'the order workflow', declaration).stateMachineArn,
    RECALL_STATE_MACHINE_ARN: () => need(bindings.recallWorkflow, 'the recall workflow', declaration).stateMachineArn,
    PUBLIC_API_URL: () => bindings.publicApiUrl,
    APPROVAL_POLICY: () => JSON.stringify(config.approvalPolicy),
    APPROVAL_TIMEOUT_SECONDS: () => String(config.approvalPolicy.escalateAfterSeconds),
    OVERDUE_GRACE_DAYS: () => String(config.overdueGraceDays),
    RECALL_ACK_LINK_DAYS: () => String(config.recallAckLinkDays),
    NEAR_DUPLICATE_WINDOW_HOURS: () => String(config.nearDuplicateWindowHours),
    STOCK_WAIT_SECONDS: () => String(config.stockWaitSeconds),
    PICK_TIMEOUT_SECONDS: () => String(config.pickTimeoutSeconds),
    SHIP_FROM: () => JSON.stringify(config.shipFrom),
    SENDER_EMAIL: () => config.senderEmail,
    ALERT_EMAIL: () => config.alertEmail,
    APPROVER_EMAIL: () => config.approverEmail,
    DEFAULT_RETENTION_YEARS: () => String(config.auditRetentionYears),
    AUDIT_RETENTION_YEARS: () => String(config.auditRetentionYears),
    AUDIT_ARCHIVE_RETENTION_YEARS: () => String(config.auditArchiveRetentionYears),
    AUDIT_LIVE_DAYS: () => String(config.auditLiveDays),
    AUDIT_DAY_SHARDS: () => String(config.auditDayShards),
  };
  const value = values[name];
  if (!value) throw new Error(`${declaration.id} declares setting ${name}, which no binding provides (add it to infra/platform/registered-function.ts)`);
  return value();
}

/** The IAM statements a grant stands for, on the bound resources. */
function applyGrant(scope: Construct, fn: HouseFunction, grant: Grant, declaration: FunctionDeclaration, bindings: Bindings): void {
  switch (grant.kind) {
    case 'table':
      grantTable(fn, bindings.table, grant.actions, grant.indexes);
      return;
    case 'auditTable':
      grantTable(fn, bindings.auditTable, grant.actions, grant.indexes);
      return;
    case 'orderWorkflow': {
      const machine = need(bindings.orderWorkflow, 'the order workflow', declaration);
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...grant.actions], resources: [machine.stateMachineArn] }));
      return;
    }
    case 'orderExecutions': {
      const machine = need(bindings.orderWorkflow, 'the order workflow', declaration);
      machine.grantExecution(fn, ...grant.actions);
      const executions = Stack.of(scope).formatArn({
        service: 'states',
        resource: 'execution',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        resourceName: `${Fn.select(6, Fn.split(':', machine.stateMachineArn))}:*`,
      });
      acknowledge(fn, [
        {
          id: `AwsSolutions-IAM5[Resource::${findingResource(scope, executions)}]`,
          reason: `${declaration.id} acts on order executions (${grant.actions.join(', ')}), which are named by order id at run time; only executions of the order workflow.`,
        },
      ]);
      return;
    }
    case 'recallWorkflow': {
      const machine = need(bindings.recallWorkflow, 'the recall workflow', declaration);
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...grant.actions], resources: [machine.stateMachineArn] }));
      return;
    }
    case 'sendEmail': {
      // Sending through a configuration set is authorized on the set too.
      const viaSet = grant.configurationSet ? [need(bindings.letterConfigurationSetArn, 'the letters configuration set', declaration)] : [];
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [bindings.senderIdentityArn, ...viaSet] }));
      return;
    }
    case 'userPool':
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...grant.actions], resources: [bindings.identity.userPool.userPoolArn] }));
      return;
    case 'signingKey':
      bindings.signingKey.grant(fn, ...grant.actions);
      return;
    case 'auditBucket': {
      const bucket = bindings.auditBucket;
      const bucketLevel = grant.actions.filter((action) => action.startsWith('s3:ListBucket'));
      const objectLevel = grant.actions.filter((action) => !action.startsWith('s3:ListBucket'));
      if (bucketLevel.length > 0) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: bucketLevel,
            resources: [bucket.bucketArn],
            ...(grant.prefix ? { conditions: { StringLike: { 's3:prefix': [grant.prefix] } } } : {}),
          }),
        );
      }
      if (objectLevel.length > 0) {
        const prefix = need(grant.prefix, 'a prefix for object actions', declaration);
        const objects = bucket.arnForObjects(prefix);
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: objectLevel, resources: [objects] }));
        acknowledge(fn, [
          {
            id: `AwsSolutions-IAM5[Resource::${findingResource(scope, objects)}]`,
            reason: `${declaration.id} reaches audit-bucket objects under ${prefix} only (${objectLevel.join(', ')}); object ARNs are addressable only by prefix wildcard.`,
          },
        ]);
      }
      return;
    }
    case 'tableStream':
      bindings.table.grantStreamRead(fn);
      return;
    case 'eventBus': {
      const bus = need(bindings.eventBus, 'the event bus', declaration);
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...grant.actions], resources: [bus.eventBusArn] }));
      return;
    }
    case 'uploadBucket': {
      const objects = `${need(bindings.uploadBucketArn, 'the upload bucket', declaration)}/${grant.prefix}`;
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...grant.actions], resources: [objects] }));
      acknowledge(fn, [{ id: `AwsSolutions-IAM5[Resource::${findingResource(scope, objects)}]`, reason: grant.reason }]);
      return;
    }
  }
}

/** A declared function: the house function with exactly its declared settings and grants. */
export function buildFunction(scope: Construct, declaration: FunctionDeclaration, bindings: Bindings): HouseFunction {
  const environment = Object.fromEntries(Object.keys(declaration.settings.shape).map((name) => [name, settingValue(name, declaration, bindings)]));
  const fn = new HouseFunction(scope, declaration.id, {
    entry: declaration.handler,
    environment,
    description: declaration.purpose.slice(0, 256),
    ...(declaration.memorySize ? { memorySize: declaration.memorySize } : {}),
    ...(declaration.timeoutSeconds ? { timeout: Duration.seconds(declaration.timeoutSeconds) } : {}),
    ...(declaration.bundledFiles ? { bundledFiles: declaration.bundledFiles } : {}),
    ...(bindings.config.faultInjection ? { faultInjection: { table: bindings.table, target: declaration.id } } : {}),
  });
  // A signing function's role has the fixed name the signing key's policy admits (infra/stacks/stateful-stack.ts).
  if (signs(declaration)) (fn.role!.node.defaultChild as iam.CfnRole).roleName = signerRoleName(bindings.config.prefix, declaration.id);
  for (const grant of declaration.grants) applyGrant(scope, fn, grant, declaration, bindings);
  return fn;
}

export interface RouteTarget {
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  /** Gives a route its own throttle on the API's stage (the gateway owns the stage). */
  throttleRoute: (routeKey: string, throttle: RouteThrottle, route: IConstruct) => void;
}

/**
 * A declared route function with its routes on the API, behind the JWT
 * authorizer with the scopes of its kind (so only access tokens of the right
 * kind pass) unless the route is a link or public, with the limits its
 * declaration (or its auth kind) gives it: a throttle of its own and reserved
 * concurrency.
 */
export function buildRoute(scope: Construct, declaration: RouteDeclaration, bindings: Bindings, target: RouteTarget): HouseFunction {
  const fn = buildFunction(scope, declaration, bindings);
  const limits = routeLimitsOf(declaration);
  if (limits.reservedConcurrency !== undefined) (fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = limits.reservedConcurrency;
  const integration = new HttpLambdaIntegration(`${declaration.id}Integration`, fn);
  const open = declaration.auth === 'link' || declaration.auth === 'public';
  const scopes = routeScopes(declaration);
  for (const route of declaration.routes) {
    const added = target.httpApi.addRoutes({
      path: route.path,
      methods: [route.method as apigw.HttpMethod],
      integration,
      ...(open ? {} : { authorizer: target.authorizer, authorizationScopes: [...need(scopes, 'scopes for its auth', declaration)] }),
    });
    if (limits.throttle) for (const one of added) target.throttleRoute(routeKey(route), limits.throttle, one);
    if (open) {
      const reason = need(declaration.openBecause, 'a reason to be open (openBecause)', declaration);
      for (const openRoute of added) acknowledge(openRoute, [{ id: 'AwsSolutions-APIG4', reason }]);
    }
  }
  return fn;
}

export interface DeclaredRoutesProps {
  declarations: readonly RouteDeclaration[];
  bindings: Bindings;
  api: RouteTarget;
}

/** A context's HTTP routes, built from its declarations alone. */
export class DeclaredRoutes extends Construct {
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: DeclaredRoutesProps) {
    super(scope, id);
    for (const declaration of props.declarations) this.functions[declaration.id] = buildRoute(this, declaration, props.bindings, props.api);
  }
}
