import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { HouseFunction } from '../platform/house-function.js';
import { GROUPS } from '../platform/identity.js';
import { grantTable } from '../platform/table-access.js';

export interface WarehouseRoutesProps {
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  table: ITableV2;
  /** The order workflow, which waits in RequestPick for the confirmation. */
  orderStateMachine: IStateMachine;
}

/** Scan-to-ship is the warehouse's: named staff users, never channel tokens. */
export const WAREHOUSE_ACCESS = [GROUPS.warehouse] as const;

/**
 * The packing station's routes: the work list of orders to pick and the
 * scan-to-ship confirmation that lets the order workflow ship.
 */
export class WarehouseRoutes extends Construct {
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: WarehouseRoutesProps) {
    super(scope, id);
    const { table, httpApi, authorizer } = props;
    const environment = { TABLE_NAME: table.tableName, ALLOWED_GROUPS: WAREHOUSE_ACCESS.join(',') };

    // Reads only: the work list is the sparse GSI1 partition of pending pick tasks; one order's task is a Query on its partition.
    const picks = new HouseFunction(this, 'WarehousePicks', { entry: 'inventory/warehouse-picks', environment });
    grantTable(picks, table, ['dynamodb:Query'], ['GSI1']);
    const picksIntegration = new HttpLambdaIntegration('WarehousePicksIntegration', picks);
    for (const path of ['/v1/warehouse/picks', '/v1/warehouse/picks/{orderId}']) {
      httpApi.addRoutes({ path, methods: [apigw.HttpMethod.GET], integration: picksIntegration, authorizer });
    }
    this.functions.WarehousePicks = picks;

    // The order and its pick task are read; the confirmation is one transaction (task + event);
    // idempotency records (Powertools) are put, read, updated and deleted in the same table.
    const confirm = new HouseFunction(this, 'ConfirmShipment', { entry: 'inventory/confirm-shipment', environment });
    grantTable(confirm, table, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem']);
    confirm.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [props.orderStateMachine.stateMachineArn] }));
    httpApi.addRoutes({ path: '/v1/shipments', methods: [apigw.HttpMethod.POST], integration: new HttpLambdaIntegration('ConfirmShipmentIntegration', confirm), authorizer });
    this.functions.ConfirmShipment = confirm;
  }
}
