import { Lazy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { approvalsRoutes } from '../../shared/approvals/routes.js';
import { ordersRoutes } from '../../shared/orders/routes.js';
import { platformRoutes } from '../../shared/platform/routes.js';
import { STAGE_THROTTLE, type RouteThrottle } from '../../shared/platform/registry.js';
import type { HouseFunction } from '../platform/house-function.js';
import { buildRoute, type Bindings } from '../platform/registered-function.js';

/** The HTTP API's front door; routes are added once the functions behind them exist. */
export class OrderApiGateway extends Construct {
  readonly httpApi: apigw.HttpApi;
  private readonly stage: apigw.CfnStage;
  private readonly routeThrottles: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'Http', {
      description: 'Order-to-cash API',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.stage = new apigw.CfnStage(this, 'DefaultStage', {
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
      defaultRouteSettings: { throttlingBurstLimit: STAGE_THROTTLE.burstLimit, throttlingRateLimit: STAGE_THROTTLE.rateLimit },
      routeSettings: Lazy.any({ produce: () => (Object.keys(this.routeThrottles).length > 0 ? this.routeThrottles : undefined) }),
    });
  }

  /**
   * Gives one route a throttle of its own on the stage (its route key's RouteSettings). The stage then waits for the
   * route: API Gateway refuses settings for a route key the API does not have yet.
   */
  readonly throttleRoute = (routeKey: string, throttle: RouteThrottle, route: IConstruct): void => {
    this.routeThrottles[routeKey] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
    this.stage.node.addDependency(route);
  };
}

export interface OrderRoutesProps {
  gateway: OrderApiGateway;
  bindings: Bindings;
}

/**
 * The JWT authorizer, and the routes of orders (channel or order-desk tokens),
 * approvals (emailed links, and the approver's list) and the platform (the
 * OpenAPI document and health check), built from their declarations.
 */
export class OrderRoutes extends Construct {
  readonly functions: Record<string, HouseFunction> = {};
  /** The one JWT authorizer (user pool issuer; portal and staff clients), shared with other route constructs. */
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: OrderRoutesProps) {
    super(scope, id);
    const { identity } = props.bindings;
    this.authorizer = new HttpJwtAuthorizer('ChannelJwt', `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${identity.userPool.userPoolId}`, {
      jwtAudience: [...[...identity.partnerClients.values()].map(({ client }) => client.userPoolClientId), identity.staffClient.userPoolClientId],
    });
    const api = { httpApi: props.gateway.httpApi, authorizer: this.authorizer, throttleRoute: props.gateway.throttleRoute };
    for (const declaration of [...ordersRoutes, ...approvalsRoutes, ...platformRoutes]) {
      this.functions[declaration.id] = buildRoute(this, declaration, props.bindings, api);
    }
  }
}
