import { CfnOutput, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { OrderFulfilmentDefinition } from '../../workflows/order-fulfilment.js';
import type { DeploymentConfig } from '../config.js';
import { acknowledge, findingResource } from '../platform/nag.js';
import { receivablesRoutes } from '../../shared/receivables/routes.js';
import { archiveRoutes } from '../../shared/compliance/routes.js';
import { inventoryApiRoutes, warehouseRoutes } from '../../shared/inventory/routes.js';
import { masterDataRoutes } from '../../shared/master-data/routes.js';
import { ediRoutes } from '../../shared/channels/routes.js';
import { DeclaredRoutes, type Bindings } from '../platform/registered-function.js';
import { OrderApiGateway, OrderRoutes } from '../orders/order-api.js';
import { StuckOrders } from '../orders/stuck-orders.js';
import { WorkflowFunctions } from '../orders/order-functions.js';
import { BatchChannel } from '../channels/batch-channel.js';
import { Recalls } from '../recalls/recalls.js';
import { AuditTrail } from '../compliance/audit-trail.js';
import { AuditArchive } from '../compliance/audit-archive.js';
import { DomainEvents } from '../orders/domain-events.js';
import { OperationalAlarms, watchExecutions } from '../platform/operational-alarms.js';
import type { StatefulStack } from './stateful-stack.js';

export interface StatelessStackProps extends StackProps {
  config: DeploymentConfig;
  data: StatefulStack;
}

/** Compute and wiring: functions, the order workflow and the HTTP API. Safe to destroy and redeploy. */
export class StatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const escalateAfter = Duration.seconds(config.approvalPolicy.escalateAfterSeconds);

    const alarms = new OperationalAlarms(this, 'OperationalAlarms', { email: config.alarmEmail });
    const gateway = new OrderApiGateway(this, 'Api');
    const auditLayout = { dayShards: config.auditDayShards, liveDays: config.auditLiveDays };
    const auditBucket = s3.Bucket.fromBucketArn(this, 'AuditBucket', Fn.importValue(data.auditBucketArnExport));
    // What declared functions' settings and grants resolve to (infra/platform/registered-function.ts).
    const stepBindings: Bindings = {
      config,
      table: data.table,
      identity: data.identity,
      auditTable: data.auditTable,
      auditBucket,
      signingKey: data.signingKey,
      senderIdentityArn: data.senderIdentity.emailIdentityArn,
      publicApiUrl: gateway.httpApi.apiEndpoint,
    };
    const workflowFunctions = new WorkflowFunctions(this, 'Steps', { bindings: stepBindings });

    const workflow = new OrderFulfilmentDefinition(this, 'OrderWorkflow', {
      steps: workflowFunctions.steps,
      escalateAfter,
      stockRecheckAfter: Duration.seconds(config.stockRecheckSeconds),
      pickTimeout: Duration.seconds(config.pickTimeoutSeconds),
    });
    const stateMachine = new sfn.StateMachine(this, 'OrderFulfilment', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(workflow.definition),
      // Every wait inside has its own timeout; this only bounds the whole (escalations and re-approvals included).
      timeout: Duration.days(30),
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'OrderFulfilmentLogs', { retention: logs.RetentionDays.THREE_MONTHS }),
        level: sfn.LogLevel.ALL,
        includeExecutionData: false,
      },
    });

    watchExecutions(this, 'OrderFulfilment', stateMachine, 'order workflow');
    const bindings: Bindings = { ...stepBindings, orderWorkflow: stateMachine };

    acknowledge(
      stateMachine,
      Object.values(workflowFunctions.steps).map((fn) => ({
        id: `AwsSolutions-IAM5[Resource::${findingResource(this, fn.functionArn)}:*]`,
        reason: 'CDK grants invoking each step function and its versions (<arn>:*); nothing beyond the workflow’s own functions.',
      })),
    );

    new StuckOrders(this, 'StuckOrders', { bindings });

    const routes = new OrderRoutes(this, 'Routes', { gateway, bindings });
    const api = { httpApi: gateway.httpApi, authorizer: routes.authorizer, throttleRoute: gateway.throttleRoute };
    new DeclaredRoutes(this, 'Inventory', { declarations: inventoryApiRoutes, bindings, api });
    new DeclaredRoutes(this, 'Receivables', { declarations: receivablesRoutes, bindings, api });
    new DeclaredRoutes(this, 'Warehouse', { declarations: warehouseRoutes, bindings, api });

    new DeclaredRoutes(this, 'MasterData', { declarations: masterDataRoutes, bindings, api });
    new DeclaredRoutes(this, 'Compliance', { declarations: archiveRoutes, bindings, api });

    const batch = new BatchChannel(this, 'BatchChannel', { bindings, api });

    const recalls = new Recalls(this, 'Recalls', { bindings, api });

    new AuditTrail(this, 'Audit', { table: data.table, bindings, api });
    new AuditArchive(this, 'AuditArchive', { bindings });

    new DeclaredRoutes(this, 'Edi', { declarations: ediRoutes, bindings, api });
    const domainEvents = new DomainEvents(this, 'DomainEvents', { bindings });
    recalls.archiveOnAcknowledgements(domainEvents.bus);

    acknowledge(this, [
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'AWSLambdaBasicExecutionRole only grants writing the function’s own logs.',
      },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions.' },
    ]);

    new CfnOutput(this, 'ApiUrl', { value: gateway.httpApi.apiEndpoint });
    new CfnOutput(this, 'ApiId', { value: gateway.httpApi.apiId });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    new CfnOutput(this, 'RecallStateMachineArn', { value: recalls.stateMachine.stateMachineArn });
    new CfnOutput(this, 'RecallLetterTopicArn', { value: recalls.letterTopic.topicArn });
    new CfnOutput(this, 'UserPoolId', { value: data.identity.userPool.userPoolId });
    new CfnOutput(this, 'PartnerClientIds', { value: Stack.of(this).toJsonString(data.identity.partnerClientIds()) });
    new CfnOutput(this, 'ApprovalsClientId', { value: data.identity.approvalsClient.userPoolClientId });
    new CfnOutput(this, 'StaffClientId', { value: data.identity.staffClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'AuditTableName', { value: data.auditTable.tableName });
    new CfnOutput(this, 'AuditBucketName', { value: data.auditBucket.bucketName });
    new CfnOutput(this, 'AuditDayShards', { value: String(auditLayout.dayShards) });
    new CfnOutput(this, 'AuditLiveDays', { value: String(auditLayout.liveDays) });
    new CfnOutput(this, 'SigningKeyArn', { value: data.signingKey.keyArn });
    new CfnOutput(this, 'BatchUploadBucketName', { value: batch.uploadBucket.bucketName });
    new CfnOutput(this, 'EventBusName', { value: domainEvents.bus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    void routes;
  }
}
