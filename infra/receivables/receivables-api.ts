import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { HouseFunction } from '../platform/house-function.js';
import { GROUPS } from '../platform/identity.js';
import { grantTable } from '../platform/table-access.js';

export interface ReceivablesRoutesProps {
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  table: ITableV2;
}

/**
 * Who may do what: accounts receivable applies cash; the order desk, finance
 * and credit control read an invoice's balance when a customer calls or an
 * order waits on credit.
 */
export const RECEIVABLES_ACCESS = {
  apply: [GROUPS.accountsReceivable],
  read: [GROUPS.accountsReceivable, GROUPS.orderDesk, 'finance', 'credit-controller'],
} as const;

/** Cash application: payments received against invoices, which release the customer's credit exposure. Staff user tokens only. */
export class ReceivablesRoutes extends Construct {
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: ReceivablesRoutesProps) {
    super(scope, id);
    const { table, httpApi, authorizer } = props;
    const add = (name: string, entry: string, groups: readonly string[], actions: string[], route: [apigw.HttpMethod, string]) => {
      const fn = new HouseFunction(this, name, {
        entry: `receivables/${entry}`,
        environment: { TABLE_NAME: table.tableName, ALLOWED_GROUPS: groups.join(',') },
      });
      grantTable(fn, table, actions);
      httpApi.addRoutes({ path: route[1], methods: [route[0]], integration: new HttpLambdaIntegration(`${name}Integration`, fn), authorizer });
      this.functions[name] = fn;
    };
    // Payment put if absent + invoice update conditional on the paid amount read, in one transaction.
    add('RecordPayment', 'record-payment', RECEIVABLES_ACCESS.apply, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [
      apigw.HttpMethod.POST,
      '/v1/invoices/{invoiceNumber}/payments',
    ]);
    add('GetInvoice', 'get-invoice', RECEIVABLES_ACCESS.read, ['dynamodb:GetItem', 'dynamodb:Query'], [apigw.HttpMethod.GET, '/v1/invoices/{invoiceNumber}']);
  }
}
