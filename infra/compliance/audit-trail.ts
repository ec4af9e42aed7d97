import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { checkpointFunction, recordChangesFunction, replayKeptRecordsFunction } from '../../shared/compliance/functions.js';
import { complianceQueryRoute } from '../../shared/compliance/routes.js';
import { iteratorAgeAlarm, keptRecordsQueue, streamDeadLetters } from '../platform/dead-letters.js';
import type { HouseFunction } from '../platform/house-function.js';
import { buildFunction, buildRoute, type Bindings, type RouteTarget } from '../platform/registered-function.js';

export interface AuditTrailProps {
  /** The business table; its stream (NEW_AND_OLD_IMAGES) is what the trail is derived from. */
  table: TableV2;
  bindings: Bindings;
  api: RouteTarget;
}

/**
 * The tamper-evident audit trail: the table stream's audit consumer (one
 * hash-chained event per business change) with its kept-records queue and
 * the on-demand replay, the hourly checkpoint, and the compliance routes. The audit table is append-only by grant: its writers
 * get PutItem (always conditional on absence) and nobody gets UpdateItem,
 * DeleteItem or BatchWriteItem (shared/compliance/functions.ts).
 */
export class AuditTrail extends Construct {
  readonly recorder: HouseFunction;
  readonly checkpointer: HouseFunction;
  readonly compliance: HouseFunction;
  readonly deadLetters: sqs.Queue;
  /** Stream records the consumer could not append, each kept whole, until ReplayKeptRecords appends them. */
  readonly keptRecords: sqs.Queue;
  readonly replayer: HouseFunction;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { table, bindings } = props;

    this.keptRecords = keptRecordsQueue(this, 'KeptRecords', { keeper: 'audit consumer', replayer: 'ReplayKeptRecords' });
    new cloudwatch.Alarm(this, 'KeptRecordsAlarm', {
      alarmDescription:
        'Table changes the audit consumer could not append are kept in this queue: the audit trail has a hole until ReplayKeptRecords appends them (within 14 days).',
      metric: this.keptRecords.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const withQueue: Bindings = { ...bindings, local: { ...bindings.local, KEPT_RECORDS_QUEUE_URL: this.keptRecords.queueUrl } };

    this.recorder = buildFunction(this, recordChangesFunction, withQueue);
    this.keptRecords.grantSendMessages(this.recorder);
    this.replayer = buildFunction(this, replayKeptRecordsFunction, withQueue);
    this.keptRecords.grantConsumeMessages(this.replayer);
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
        // Only when the consumer can neither append nor keep a record (its positions, no content: see keptRecords).
        onFailure: new SqsDlq(this.deadLetters),
      }),
    );
    iteratorAgeAlarm(this, 'RecordChangesIteratorAge', this.recorder, 'audit stream consumer');

    this.checkpointer = buildFunction(this, checkpointFunction, bindings);
    new events.Rule(this, 'HourlyCheckpoint', {
      description: 'Signs the audit trail at least every hour',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(this.checkpointer, { retryAttempts: 2 })],
    });

    this.compliance = buildRoute(this, complianceQueryRoute, bindings, props.api);
  }
}
