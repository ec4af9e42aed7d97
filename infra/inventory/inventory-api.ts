import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { HouseFunction } from '../platform/house-function.js';
import { GROUPS } from '../platform/identity.js';
import { grantTable } from '../platform/table-access.js';

export interface InventoryRoutesProps {
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  table: ITableV2;
}

/**
 * Who may do what, by user-pool group: the warehouse receives, the quality
 * unit releases, rejects and holds, and staff who answer customers read.
 */
export const INVENTORY_ACCESS = {
  receive: [GROUPS.warehouse],
  quality: [GROUPS.quality],
  read: [GROUPS.warehouse, GROUPS.quality, GROUPS.orderDesk],
  trace: [GROUPS.quality, GROUPS.orderDesk],
} as const;

/** Inventory and traceability routes: receiving into quarantine, quality decisions, real-time stock, trace queries. Staff user tokens only. */
export class InventoryRoutes extends Construct {
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: InventoryRoutesProps) {
    super(scope, id);
    const { table, httpApi, authorizer } = props;

    const add = (name: string, entry: string, groups: readonly string[], actions: string[], routes: [apigw.HttpMethod, string][]) => {
      const fn = new HouseFunction(this, name, {
        entry: `inventory/${entry}`,
        environment: { TABLE_NAME: table.tableName, ALLOWED_GROUPS: groups.join(',') },
      });
      grantTable(fn, table, actions);
      const integration = new HttpLambdaIntegration(`${name}Integration`, fn);
      for (const [method, path] of routes) httpApi.addRoutes({ path, methods: [method], integration, authorizer });
      this.functions[name] = fn;
      return fn;
    };

    // One transaction: delivery claim, lot counters, lot registry, receipt, event, serials; products by BatchGet.
    add('ReceiveGoods', 'receive-goods', INVENTORY_ACCESS.receive, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [
      [apigw.HttpMethod.POST, '/v1/inventory/receipts'],
    ]);
    add('InspectLot', 'inspect-lot', INVENTORY_ACCESS.quality, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [
      [apigw.HttpMethod.POST, '/v1/inventory/lots/{lotId}/inspection'],
    ]);
    add('HoldLot', 'hold-lot', INVENTORY_ACCESS.quality, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [
      [apigw.HttpMethod.POST, '/v1/inventory/lots/{lotId}/hold'],
    ]);
    add('GetStock', 'get-stock', INVENTORY_ACCESS.read, ['dynamodb:Query'], [[apigw.HttpMethod.GET, '/v1/inventory']]);
    add('GetLot', 'get-lot', INVENTORY_ACCESS.read, ['dynamodb:GetItem', 'dynamodb:Query'], [[apigw.HttpMethod.GET, '/v1/inventory/lots/{lotId}']]);
    // Traceability (recall) queries: one read-only function behind three routes.
    add('Trace', 'trace', INVENTORY_ACCESS.trace, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], [
      [apigw.HttpMethod.GET, '/v1/trace/lots/{gtin}/{lot}'],
      [apigw.HttpMethod.GET, '/v1/trace/serials/{gtin}/{serial}'],
      [apigw.HttpMethod.GET, '/v1/trace/orders/{orderId}'],
    ]);
    // Packing station: scans checked against the order's allocation; read-only.
    add('PickCheck', 'pick-check', INVENTORY_ACCESS.receive, ['dynamodb:Query'], [[apigw.HttpMethod.POST, '/v1/orders/{orderId}/pick-check']]);
  }
}
