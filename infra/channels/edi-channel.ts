import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { HouseFunction } from '../platform/house-function.js';
import type { Identity } from '../platform/identity.js';
import { grantTable } from '../platform/table-access.js';

export interface EdiChannelRoutesProps {
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  table: ITableV2;
  identity: Identity;
  stateMachine: IStateMachine;
  /** The intake service's near-duplicate window (every channel places orders through it). */
  nearDuplicateWindowHours: number;
}

/** The EDI X12 channel: 850 interchanges in (997 back), 855 acknowledgments out. The edi client only, checked in the handlers. */
export class EdiChannelRoutes extends Construct {
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: EdiChannelRoutesProps) {
    super(scope, id);
    const { httpApi, authorizer, table, identity, stateMachine } = props;
    const environment = { TABLE_NAME: table.tableName, CHANNEL_CLIENTS: identity.channelClientsSetting() };

    // The 850s of an interchange become orders one after the other (so a PO repeated inside it is a duplicate of
    // the first, deterministically): give it the HTTP API's whole 30 s integration limit.
    const intake = new HouseFunction(this, 'EdiX12Intake', {
      entry: 'channels/edi-x12-intake',
      environment: { ...environment, STATE_MACHINE_ARN: stateMachine.stateMachineArn, NEAR_DUPLICATE_WINDOW_HOURS: String(props.nearDuplicateWindowHours) },
      timeout: Duration.seconds(29),
    });
    // Master data reads, the EDI record and the control-number counter, the order transaction, idempotency records.
    grantTable(intake, table, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem']);
    stateMachine.grantStartExecution(intake);

    const ack = new HouseFunction(this, 'EdiX12Ack', { entry: 'channels/edi-x12-ack', environment, memorySize: 256 });
    grantTable(ack, table, ['dynamodb:GetItem']);
    this.functions = { EdiX12Intake: intake, EdiX12Ack: ack };

    httpApi.addRoutes({ path: '/v1/channels/edi/x12', methods: [apigw.HttpMethod.POST], integration: new HttpLambdaIntegration('EdiX12IntakeIntegration', intake), authorizer });
    httpApi.addRoutes({ path: '/v1/channels/edi/x12/acks/{controlNumber}', methods: [apigw.HttpMethod.GET], integration: new HttpLambdaIntegration('EdiX12AckIntegration', ack), authorizer });
  }
}
