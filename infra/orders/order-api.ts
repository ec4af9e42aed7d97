import { Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ApprovalPolicy } from '../../shared/approvals/schemas/approval-policy.js';
import { ORDER_DESK_GROUP, type Identity } from '../platform/identity.js';
import { HouseFunction } from '../platform/house-function.js';
import { acknowledge } from '../platform/nag.js';
import { grantTable } from '../platform/table-access.js';

/** The HTTP API's front door; routes are added once the functions behind them exist. */
export class OrderApiGateway extends Construct {
  readonly httpApi: apigw.HttpApi;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'Http', {
      description: 'Order-to-cash API',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    new apigw.CfnStage(this, 'DefaultStage', {
      apiId: this.httpApi.apiId,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destinationArn: accessLogs.logGroupArn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          routeKey: '$context.routeKey',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
          clientId: '$context.authorizer.claims.client_id',
        }),
      },
      defaultRouteSettings: { throttlingBurstLimit: 200, throttlingRateLimit: 100 },
    });
  }
}

export interface OrderRoutesProps {
  gateway: OrderApiGateway;
  table: ITableV2;
  identity: Identity;
  stateMachine: IStateMachine;
  approvalPolicy: ApprovalPolicy;
  senderEmail: string;
  senderIdentityArn: string;
  alertEmail: string;
  nearDuplicateWindowHours: number;
}

const staffGroups = [ORDER_DESK_GROUP].join(',');

/** The API functions and their routes: every order route needs a channel or staff token. */
export class OrderRoutes extends Construct {
  readonly functions: Record<string, HouseFunction> = {};
  /** The one JWT authorizer (user pool issuer; portal and staff clients), shared with other route constructs. */
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: OrderRoutesProps) {
    super(scope, id);
    const { table, identity, stateMachine } = props;
    const api = props.gateway.httpApi;
    const channelClients = identity.channelClientsSetting();
    const base = { TABLE_NAME: table.tableName };

    const authorizer = new HttpJwtAuthorizer(
      'ChannelJwt',
      `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${identity.userPool.userPoolId}`,
      { jwtAudience: [...Object.values(identity.channelClients).map((client) => client.userPoolClientId), identity.staffClient.userPoolClientId] },
    );
    this.authorizer = authorizer;

    const route = (name: string, method: apigw.HttpMethod, path: string, fn: HouseFunction, secured: boolean) => {
      this.functions[name] = fn;
      const routes = api.addRoutes({
        path,
        methods: [method],
        integration: new HttpLambdaIntegration(`${name}Integration`, fn),
        ...(secured ? { authorizer } : {}),
      });
      if (!secured) {
        for (const openRoute of routes) {
          acknowledge(openRoute, [
            {
              id: 'AwsSolutions-APIG4',
              reason: 'Open by design: approval routes are reached from email links and the POST is authorized by the approver’s own signature (user name and password, checked in the handler); the OpenAPI document and health check are public.',
            },
          ]);
        }
      }
    };

    const placeOrder = new HouseFunction(this, 'PlaceOrder', {
      entry: 'orders/place-order',
      environment: {
        ...base,
        STATE_MACHINE_ARN: stateMachine.stateMachineArn,
        CHANNEL_CLIENTS: channelClients,
        NEAR_DUPLICATE_WINDOW_HOURS: String(props.nearDuplicateWindowHours),
      },
    });
    // Idempotency records (Powertools) live in the same table: put, read, update, delete.
    // BatchGetItem: the lines' products and, for an unknown GTIN, the ones it was likely meant to be.
    grantTable(placeOrder, table, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem']);
    stateMachine.grantStartExecution(placeOrder);
    route('PlaceOrder', apigw.HttpMethod.POST, '/v1/orders', placeOrder, true);

    // Merge, keep or cancel an order held as a possible duplicate. Query: the
    // price data a merge re-prices with; StartExecution: a kept order's workflow.
    const resolveDuplicate = new HouseFunction(this, 'ResolveDuplicate', {
      entry: 'orders/resolve-duplicate',
      environment: { ...base, STATE_MACHINE_ARN: stateMachine.stateMachineArn, CHANNEL_CLIENTS: channelClients },
    });
    grantTable(resolveDuplicate, table, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']);
    stateMachine.grantStartExecution(resolveDuplicate);
    this.functions.ResolveDuplicate = resolveDuplicate;
    const resolveIntegration = new HttpLambdaIntegration('ResolveDuplicateIntegration', resolveDuplicate);
    for (const action of ['merge', 'keep', 'cancel']) {
      api.addRoutes({ path: `/v1/orders/{orderId}/${action}`, methods: [apigw.HttpMethod.POST], integration: resolveIntegration, authorizer });
    }

    const getOrder = new HouseFunction(this, 'GetOrder', {
      entry: 'orders/get-order',
      environment: { ...base, CHANNEL_CLIENTS: channelClients, STAFF_GROUPS: staffGroups },
    });
    grantTable(getOrder, table, ['dynamodb:GetItem', 'dynamodb:Query']);
    route('GetOrder', apigw.HttpMethod.GET, '/v1/orders/{orderId}', getOrder, true);

    // Approval routes are opened from email links in a browser: no bearer
    // token exists there. GET is read-only; POST is authorized in the handler
    // by the approver's own user name and password (the signature).
    const approvalPage = new HouseFunction(this, 'ApprovalPage', { entry: 'approvals/approval-page', environment: base });
    grantTable(approvalPage, table, ['dynamodb:GetItem', 'dynamodb:Query']);
    route('ApprovalPage', apigw.HttpMethod.GET, '/v1/approvals/{approvalId}', approvalPage, false);

    const approvalDecision = new HouseFunction(this, 'ApprovalDecision', {
      entry: 'approvals/approval-decision',
      environment: {
        ...base,
        USER_POOL_ID: identity.userPool.userPoolId,
        APPROVALS_CLIENT_ID: identity.approvalsClient.userPoolClientId,
        APPROVAL_POLICY: JSON.stringify(props.approvalPolicy),
        SENDER_EMAIL: props.senderEmail,
        ALERT_EMAIL: props.alertEmail,
      },
    });
    approvalDecision.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [props.senderIdentityArn] }));
    grantTable(approvalDecision, table, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'], ['GSI1']);
    approvalDecision.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['cognito-idp:AdminInitiateAuth'], resources: [identity.userPool.userPoolArn] }),
    );
    approvalDecision.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: [stateMachine.stateMachineArn] }),
    );
    route('ApprovalDecision', apigw.HttpMethod.POST, '/v1/approvals/{approvalId}', approvalDecision, false);

    const pendingApprovals = new HouseFunction(this, 'PendingApprovals', {
      entry: 'approvals/pending-approvals',
      environment: { ...base, APPROVAL_POLICY: JSON.stringify(props.approvalPolicy), CHANNEL_CLIENTS: channelClients },
    });
    grantTable(pendingApprovals, table, ['dynamodb:Query'], ['GSI1']);
    route('PendingApprovals', apigw.HttpMethod.GET, '/v1/approvals', pendingApprovals, true);

    route('OpenApi', apigw.HttpMethod.GET, '/v1/openapi.json', new HouseFunction(this, 'OpenApi', { entry: 'platform/openapi', memorySize: 256 }), false);
    route('Health', apigw.HttpMethod.GET, '/health', new HouseFunction(this, 'Health', { entry: 'platform/health', memorySize: 256 }), false);
  }
}
