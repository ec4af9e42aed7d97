import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { HouseFunction } from '../platform/house-function.js';
import type { Identity } from '../platform/identity.js';
import { grantTable } from '../platform/table-access.js';

export interface MasterDataRoutesProps {
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  table: ITableV2;
  identity: Identity;
}

/**
 * /v1/master/...: versioned master data (customers, products, price lists,
 * contracts, promotions). Reads and writes are separate functions so the
 * reader cannot write; both check the master-data role in the handler.
 */
export class MasterDataRoutes extends Construct {
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: MasterDataRoutesProps) {
    super(scope, id);
    const { httpApi, authorizer, table, identity } = props;
    const environment = {
      TABLE_NAME: table.tableName,
      CHANNEL_CLIENTS: identity.channelClientsSetting(),
    };

    const read = new HouseFunction(this, 'MasterDataRead', { entry: 'master-data/master-data-read', environment });
    grantTable(read, table, ['dynamodb:GetItem', 'dynamodb:Query']);
    // A new version, the current pointer (conditional on the version read) and the profiles others read, in one transaction.
    const write = new HouseFunction(this, 'MasterDataWrite', { entry: 'master-data/master-data-write', environment });
    grantTable(write, table, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem']);
    this.functions = { MasterDataRead: read, MasterDataWrite: write };

    const routes: [apigw.HttpMethod, string, HouseFunction][] = [
      [apigw.HttpMethod.GET, '/v1/master/{kind}', read],
      [apigw.HttpMethod.GET, '/v1/master/{kind}/{id}', read],
      [apigw.HttpMethod.GET, '/v1/master/{kind}/{id}/history', read],
      [apigw.HttpMethod.POST, '/v1/master/{kind}', write],
      [apigw.HttpMethod.PUT, '/v1/master/{kind}/{id}', write],
    ];
    const integrations = new Map<HouseFunction, HttpLambdaIntegration>([
      [read, new HttpLambdaIntegration('MasterDataReadIntegration', read)],
      [write, new HttpLambdaIntegration('MasterDataWriteIntegration', write)],
    ]);
    for (const [method, path, fn] of routes) httpApi.addRoutes({ path, methods: [method], integration: integrations.get(fn)!, authorizer });
  }
}
