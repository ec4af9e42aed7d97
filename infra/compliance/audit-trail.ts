import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { auditTableEnvironment, grantSegmentReads, type AuditLayout } from './audit-archive.js';
import { streamDeadLetters } from '../platform/dead-letters.js';
import { HouseFunction } from '../platform/house-function.js';
import { GROUPS } from '../platform/identity.js';
import { acknowledge, findingResource } from '../platform/nag.js';
import { grantTable } from '../platform/table-access.js';

export interface AuditTrailProps {
  /** The business table; its stream (NEW_AND_OLD_IMAGES) is what the trail is derived from. */
  table: TableV2;
  auditTable: ITableV2;
  auditBucket: IBucket;
  signingKey: IKey;
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  layout: AuditLayout;
}

export const COMPLIANCE_ACCESS = [GROUPS.compliance] as const;
const AUDIT_INDEXES = ['ByDay', 'ByCustomer', 'ByProduct'];
/**
 * Appending is a conditional put of the event and its source claim in one
 * transaction (with, for a new chain, a check that it was never sealed):
 * PutItem is all a writer gets to change anything.
 */
const AUDIT_APPEND = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];

/**
 * The tamper-evident audit trail: the table stream's audit consumer (one
 * hash-chained event per business change), the hourly checkpoint, and the
 * compliance routes. The audit table is append-only by grant: its writers
 * get PutItem (always conditional on absence) and nobody gets UpdateItem,
 * DeleteItem or BatchWriteItem.
 */
export class AuditTrail extends Construct {
  readonly recorder: HouseFunction;
  readonly checkpointer: HouseFunction;
  readonly compliance: HouseFunction;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { table, auditTable, auditBucket, signingKey } = props;
    const auditEnvironment = auditTableEnvironment(auditTable, props.layout);
    const signing = { ...auditEnvironment, AUDIT_BUCKET: auditBucket.bucketName, SIGNING_KEY_ID: signingKey.keyArn };
    const checkpoints = auditBucket.arnForObjects('audit-checkpoints/*');

    const canCheckpoint = (fn: HouseFunction) => {
      grantTable(fn, auditTable, AUDIT_APPEND, ['ByDay']);
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [checkpoints] }));
      signingKey.grant(fn, 'kms:Sign');
      acknowledge(fn, [
        { id: `AwsSolutions-IAM5[Resource::${findingResource(this, checkpoints)}]`, reason: 'Checkpoints are written under audit-checkpoints/ only; object ARNs are addressable only by prefix wildcard.' },
      ]);
    };

    this.recorder = new HouseFunction(this, 'RecordChanges', {
      entry: 'compliance/record-changes',
      description: 'Table stream -> hash-chained audit events; checkpoint when an order completes',
      environment: signing,
      timeout: Duration.seconds(60),
    });
    canCheckpoint(this.recorder);
    this.deadLetters = streamDeadLetters(this, 'RecordChangesDlq', {
      consumer: 'audit stream consumer',
      alarmDescription: 'Table changes that could not be written to the audit trail (after retries): the audit trail has a hole until they are replayed.',
    });
    this.recorder.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(this.deadLetters),
      }),
    );

    this.checkpointer = new HouseFunction(this, 'Checkpoint', {
      entry: 'compliance/checkpoint',
      description: 'Hourly: signs the heads of the audit chains changed since the last checkpoint',
      environment: signing,
      timeout: Duration.seconds(120),
    });
    canCheckpoint(this.checkpointer);
    new events.Rule(this, 'HourlyCheckpoint', {
      description: 'Signs the audit trail at least every hour',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(this.checkpointer, { retryAttempts: 2 })],
    });

    this.compliance = new HouseFunction(this, 'Compliance', {
      entry: 'compliance/compliance',
      description: 'Compliance queries, exports and chain verification (read-only; every access logged)',
      environment: { TABLE_NAME: table.tableName, ...auditEnvironment, AUDIT_BUCKET: auditBucket.bucketName, ALLOWED_GROUPS: COMPLIANCE_ACCESS.join(',') },
      memorySize: 1024,
      timeout: Duration.seconds(29),
    });
    grantTable(this.compliance, table, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']);
    grantTable(this.compliance, auditTable, AUDIT_APPEND, AUDIT_INDEXES);
    const readable = [auditBucket.arnForObjects('orders/*'), checkpoints];
    this.compliance.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: readable }));
    signingKey.grant(this.compliance, 'kms:Verify');
    grantSegmentReads(this, this.compliance, auditBucket);
    acknowledge(
      this.compliance,
      readable.map((resource) => ({
        id: `AwsSolutions-IAM5[Resource::${findingResource(this, resource)}]`,
        reason: 'Reads archived order records (orders/) and signed checkpoints (audit-checkpoints/) only; object ARNs are addressable only by prefix wildcard.',
      })),
    );
    const integration = new HttpLambdaIntegration('ComplianceIntegration', this.compliance);
    props.httpApi.addRoutes({ path: '/v1/compliance/records', methods: [apigw.HttpMethod.GET], integration, authorizer: props.authorizer });
    props.httpApi.addRoutes({ path: '/v1/compliance/verify-chain', methods: [apigw.HttpMethod.POST], integration, authorizer: props.authorizer });
  }
}
