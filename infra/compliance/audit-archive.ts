import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { HouseFunction } from '../platform/house-function.js';
import { acknowledge, findingResource } from '../platform/nag.js';
import { grantTable } from '../platform/table-access.js';

/** How the audit trail is laid out; every function that touches the audit table gets it. */
export interface AuditLayout {
  dayShards: number;
  liveDays: number;
}

export const auditTableEnvironment = (auditTable: ITableV2, layout: AuditLayout) => ({
  AUDIT_TABLE_NAME: auditTable.tableName,
  AUDIT_DAY_SHARDS: String(layout.dayShards),
  AUDIT_LIVE_DAYS: String(layout.liveDays),
});

export const SEGMENT_PREFIX = 'audit-segments/';

/** Lets a function read sealed segments (current and named versions) and nothing else of the archive through this grant. */
export function grantSegmentReads(scope: IConstruct, fn: HouseFunction, auditBucket: IBucket): void {
  const segments = auditBucket.arnForObjects(`${SEGMENT_PREFIX}*`);
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [segments] }));
  acknowledge(fn, [
    { id: `AwsSolutions-IAM5[Resource::${findingResource(scope, segments)}]`, reason: 'Reads sealed audit segments under audit-segments/ only; object ARNs are addressable only by prefix wildcard.' },
  ]);
}

export interface AuditArchiveProps {
  auditTable: ITableV2;
  auditBucket: IBucket;
  signingKey: IKey;
  layout: AuditLayout;
  /** The bucket's default retention; a segment is never kept shorter. */
  auditRetentionYears: number;
  auditArchiveRetentionYears: number;
}

/**
 * The audit trail's archive: every hour the sealer seals the closed UTC days
 * not sealed yet into signed, COMPLIANCE-locked segment objects with a
 * manifest item each. It reads the audit table (chains and the by-day index),
 * puts manifests only if absent (never updates or deletes), writes objects
 * under audit-segments/ only, and signs with the signing key.
 */
export class AuditArchive extends Construct {
  readonly sealer: HouseFunction;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    const { auditTable, auditBucket, signingKey } = props;
    this.sealer = new HouseFunction(this, 'Seal', {
      entry: 'compliance/seal-archive',
      description: 'Hourly: seals closed days of the audit trail into signed Object Lock segments',
      environment: {
        ...auditTableEnvironment(auditTable, props.layout),
        AUDIT_BUCKET: auditBucket.bucketName,
        SIGNING_KEY_ID: signingKey.keyArn,
        AUDIT_RETENTION_YEARS: String(props.auditRetentionYears),
        AUDIT_ARCHIVE_RETENTION_YEARS: String(props.auditArchiveRetentionYears),
      },
      memorySize: 1024,
      timeout: Duration.minutes(10),
    });
    // One sealer at a time: two would write two versions of the same segment object before one manifest wins.
    (this.sealer.node.defaultChild as CfnFunction).reservedConcurrentExecutions = 1;
    grantTable(this.sealer, auditTable, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], ['ByDay']);
    const segments = auditBucket.arnForObjects(`${SEGMENT_PREFIX}*`);
    this.sealer.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectRetention'], resources: [segments] }));
    signingKey.grant(this.sealer, 'kms:Sign');
    acknowledge(this.sealer, [
      { id: `AwsSolutions-IAM5[Resource::${findingResource(this, segments)}]`, reason: 'Segments are written under audit-segments/ only; object ARNs are addressable only by prefix wildcard.' },
    ]);

    new events.Rule(this, 'HourlySeal', {
      description: 'Seals closed days of the audit trail into the archive',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(this.sealer, { retryAttempts: 2 })],
    });
    const metric = (metricName: string) =>
      new cloudwatch.Metric({ namespace: 'OrderToCash', metricName, dimensionsMap: { service: 'order-to-cash' }, statistic: 'Maximum', period: Duration.hours(1) });
    // Events expire from the table after the live window: sealing must never fall that far behind.
    new cloudwatch.Alarm(this, 'SealBehindAlarm', {
      alarmDescription: 'The audit archive is more than 3 days behind: unsealed events come closer to their TTL in the audit table.',
      metric: metric('AuditSealDaysBehind'),
      threshold: 3,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    new cloudwatch.Alarm(this, 'SealGapAlarm', {
      alarmDescription: 'A chain had events missing when it was sealed: the audit table lost events before they reached the archive.',
      metric: metric('AuditSealGaps'),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
