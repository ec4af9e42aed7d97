import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/**
 * The dead-letter queue of a stream consumer (records it gave up on, with
 * their shard positions for a replay) and the alarm that says someone must
 * replay them: one message is already a hole in what the consumer promises.
 */
export function streamDeadLetters(scope: Construct, id: string, props: { consumer: string; alarmDescription: string }): sqs.Queue {
  const queue = new sqs.Queue(scope, id, { retentionPeriod: Duration.days(14), enforceSSL: true, encryption: sqs.QueueEncryption.SQS_MANAGED });
  acknowledge(queue, [{ id: 'AwsSolutions-SQS3', reason: `This queue is the dead-letter destination of the ${props.consumer}.` }]);
  new cloudwatch.Alarm(scope, `${id}Alarm`, {
    alarmDescription: props.alarmDescription,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  return queue;
}

/** A stream consumer this far behind (of the stream's 24 h retention) pages: its oldest unread records trim in under 23 hours. */
export const ITERATOR_AGE_ALARM_MS = 3_600_000;

/** The alarm that says a stream consumer is falling behind, long before the stream trims records it has not read. */
export function iteratorAgeAlarm(scope: Construct, id: string, consumer: lambda.IFunction, name: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    alarmDescription: `The ${name} is more than an hour behind the table stream, which keeps records 24 hours: records it has not read by then are lost.`,
    metric: consumer.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
    threshold: ITERATOR_AGE_ALARM_MS,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}

/**
 * A queue where a stream consumer keeps whole the records it could not
 * process (not their positions: the stream trims those after 24 hours), for
 * its replay to process later. `keeper` and `replayer` name them for the
 * cdk-nag acknowledgement.
 */
export function keptRecordsQueue(scope: Construct, id: string, props: { keeper: string; replayer: string }): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    retentionPeriod: Duration.days(14),
    // A stream record with both images of a 400 KB item fits.
    maxMessageSizeBytes: 1_048_576,
    // Longer than a replay runs, so a record being replayed is not received twice meanwhile.
    visibilityTimeout: Duration.minutes(15),
    enforceSSL: true,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
  });
  acknowledge(queue, [
    { id: 'AwsSolutions-SQS3', reason: `This queue is itself where the ${props.keeper} keeps the stream records it could not process, for ${props.replayer}.` },
  ]);
  return queue;
}
