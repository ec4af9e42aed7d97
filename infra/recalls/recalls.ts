import { ArnFormat, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RecallDefinition } from '../../workflows/recall.js';
import type { ApprovalPolicy } from '../../shared/approvals/schemas/approval-policy.js';
import { HouseFunction } from '../platform/house-function.js';
import { RecallLetterEvents } from './recall-letter-events.js';
import { GROUPS } from '../platform/identity.js';
import { acknowledge, findingResource } from '../platform/nag.js';
import { grantTable, TABLE_READ, TABLE_WRITE } from '../platform/table-access.js';

/** Who may start a recall (the approval policy's regulatory role) and who may follow one. */
export const RECALL_ACCESS = {
  start: ['regulatory'],
  close: ['regulatory'],
  read: ['regulatory', GROUPS.compliance, GROUPS.quality],
} as const;

export interface RecallsProps {
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  table: ITableV2;
  auditBucket: IBucket;
  signingKey: IKey;
  orderStateMachine: sfn.IStateMachine;
  publicApiUrl: string;
  senderEmail: string;
  senderIdentityArn: string;
  auditRetentionYears: number;
  /** Containment withdraws the pending approvals of the orders it stops, in every approver role. */
  approvalPolicy: ApprovalPolicy;
}

/** Recalls: the recall workflow with its step functions, and the recall and acknowledgement routes. */
export class Recalls extends Construct {
  readonly stateMachine: sfn.StateMachine;
  /** Where SES publishes the letters' delivery reports. */
  readonly letterTopic: ITopic;
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: RecallsProps) {
    super(scope, id);
    const { table, auditBucket, signingKey } = props;
    const base = { TABLE_NAME: table.tableName };
    const archiveSettings = { ...base, AUDIT_BUCKET: auditBucket.bucketName, SIGNING_KEY_ID: signingKey.keyArn, DEFAULT_RETENTION_YEARS: String(props.auditRetentionYears) };
    const recallObjects = auditBucket.arnForObjects('recalls/*');
    const mayArchive = (fn: HouseFunction) => {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectRetention'], resources: [recallObjects] }));
      signingKey.grant(fn, 'kms:Sign');
      acknowledge(fn, [
        {
          id: `AwsSolutions-IAM5[Resource::${findingResource(this, recallObjects)}]`,
          reason: 'Writes recall packages under recalls/ only; object ARNs are addressable only by prefix wildcard.',
        },
      ]);
    };
    const fn = (name: string, entry: string, environment: Record<string, string>, timeout?: Duration) => {
      const created = new HouseFunction(this, name, { entry, environment, ...(timeout ? { timeout } : {}) });
      this.functions[name] = created;
      return created;
    };

    // Containment closes orders (releasing their reservations) and stops their executions.
    const contain = fn(
      'RecallContain',
      'recalls/recall-contain',
      { ...base, ORDER_STATE_MACHINE_ARN: props.orderStateMachine.stateMachineArn, APPROVAL_POLICY: JSON.stringify(props.approvalPolicy) },
      Duration.seconds(50),
    );
    // GSI1: the stopped orders' pending approvals are found on it, to withdraw them.
    grantTable(contain, table, [...TABLE_READ, ...TABLE_WRITE], ['GSI1']);
    props.orderStateMachine.grantExecution(contain, 'states:StopExecution');
    acknowledge(contain, [
      {
        // The order workflow's execution ARNs as grantExecution writes them (and cdk-nag prints them).
        id: `AwsSolutions-IAM5[Resource::${findingResource(
          this,
          Stack.of(this).formatArn({
            service: 'states',
            resource: 'execution',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            resourceName: `${Fn.select(6, Fn.split(':', props.orderStateMachine.stateMachineArn))}:*`,
          }),
        )}]`,
        reason: 'Stops order executions, which are named by order id at run time; only executions of the order workflow.',
      },
    ]);
    // Thousands of consignees are written and written to within one invocation.
    const letters = new RecallLetterEvents(this, 'LetterEvents', { table });
    const notify = fn(
      'RecallNotify',
      'recalls/recall-notify',
      { ...base, PUBLIC_API_URL: props.publicApiUrl, SENDER_EMAIL: props.senderEmail, LETTER_CONFIGURATION_SET: letters.configurationSet.configurationSetName },
      Duration.minutes(9),
    );
    grantTable(notify, table, [...TABLE_READ, ...TABLE_WRITE]);
    // Sending through a configuration set is authorized on the set too.
    notify.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [props.senderIdentityArn, letters.configurationSetArn] }));
    this.functions.RecallLetterEvents = letters.handler;
    this.letterTopic = letters.topic;
    const archive = fn('RecallArchive', 'recalls/recall-archive', archiveSettings, Duration.seconds(50));
    grantTable(archive, table, [...TABLE_READ, 'dynamodb:UpdateItem']);
    mayArchive(archive);
    const fail = fn('RecallFail', 'recalls/recall-fail', base);
    grantTable(fail, table, ['dynamodb:UpdateItem']);

    const workflow = new RecallDefinition(this, 'Workflow', { steps: { contain, notify, archive, fail } });
    this.stateMachine = new sfn.StateMachine(this, 'RecallWorkflow', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(workflow.definition),
      timeout: Duration.hours(1),
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'RecallWorkflowLogs', { retention: logs.RetentionDays.THREE_MONTHS }),
        level: sfn.LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    acknowledge(
      this.stateMachine,
      [contain, notify, archive, fail].map((step) => ({
        id: `AwsSolutions-IAM5[Resource::${findingResource(this, step.functionArn)}:*]`,
        reason: 'CDK grants invoking each step function and its versions (<arn>:*); nothing beyond the workflow’s own functions.',
      })),
    );

    const start = fn('CreateRecall', 'recalls/create-recall', { ...base, RECALL_STATE_MACHINE_ARN: this.stateMachine.stateMachineArn, ALLOWED_GROUPS: RECALL_ACCESS.start.join(',') });
    // Idempotency records (Powertools) live in the same table.
    grantTable(start, table, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem']);
    this.stateMachine.grantStartExecution(start);
    const read = fn('GetRecall', 'recalls/get-recall', { ...base, ALLOWED_GROUPS: RECALL_ACCESS.read.join(',') });
    grantTable(read, table, ['dynamodb:GetItem', 'dynamodb:Query']);
    const ackPage = fn('RecallAckPage', 'recalls/recall-ack-page', base);
    grantTable(ackPage, table, ['dynamodb:GetItem', 'dynamodb:BatchGetItem']);
    const ack = fn('RecallAck', 'recalls/recall-ack', archiveSettings, Duration.seconds(30));
    grantTable(ack, table, [...TABLE_READ, 'dynamodb:UpdateItem']);
    mayArchive(ack);

    const close = fn('CloseRecall', 'recalls/close-recall', { ...archiveSettings, ALLOWED_GROUPS: RECALL_ACCESS.close.join(',') }, Duration.seconds(30));
    // The close transaction updates the recall and deletes its claims.
    grantTable(close, table, [...TABLE_READ, 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
    mayArchive(close);

    const route = (name: string, method: apigw.HttpMethod, path: string, handler: HouseFunction, secured: boolean) => {
      const routes = props.httpApi.addRoutes({
        path,
        methods: [method],
        integration: new HttpLambdaIntegration(`${name}Integration`, handler),
        ...(secured ? { authorizer: props.authorizer } : {}),
      });
      if (!secured) {
        for (const open of routes) {
          acknowledge(open, [
            {
              id: 'AwsSolutions-APIG4',
              reason: 'Open by design: consignees reach the acknowledgement from the recall letter’s link (an opaque 160-bit id); GET changes nothing, POST records one acknowledgement once.',
            },
          ]);
        }
      }
    };
    route('CreateRecall', apigw.HttpMethod.POST, '/v1/recalls', start, true);
    route('GetRecall', apigw.HttpMethod.GET, '/v1/recalls/{recallId}', read, true);
    route('CloseRecall', apigw.HttpMethod.POST, '/v1/recalls/{recallId}/close', close, true);
    route('GetRecallPackage', apigw.HttpMethod.GET, '/v1/recalls/{recallId}/package', read, true);
    route('RecallAckPage', apigw.HttpMethod.GET, '/v1/recall-acks/{ackId}', ackPage, false);
    route('RecallAck', apigw.HttpMethod.POST, '/v1/recall-acks/{ackId}', ack, false);
  }
}
