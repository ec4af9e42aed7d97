import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { publisherFunction, replayKeptPublicationsFunction } from '../../shared/orders/functions.js';
import type { HouseFunction } from '../platform/house-function.js';
import { iteratorAgeAlarm, keptRecordsQueue, streamDeadLetters } from '../platform/dead-letters.js';
import { buildFunction, type Bindings } from '../platform/registered-function.js';

export interface DomainEventsProps {
  /**
   * The single table (with its NEW_AND_OLD_IMAGES stream) and the order
   * workflow the relay starts for orders written as RECEIVED whose intake did
   * not start it.
   */
  bindings: Bindings;
}

/**
 * The system's event bus and its one publisher: a consumer of the table's
 * stream that turns outbox items (855 acknowledgments, advance ship notices)
 * and recall acknowledgements into events on the bus, and makes sure every order written as RECEIVED has
 * its workflow (the order item is the outbox entry). The stream has exactly
 * two consumers: this one and the audit trail.
 */
export class DomainEvents extends Construct {
  readonly bus: events.EventBus;
  readonly publisher: HouseFunction;
  /** Stream records the publisher could neither relay nor keep (their shard positions only). */
  readonly deadLetters: Queue;
  /** Stream records the publisher could not relay, kept whole until ReplayKeptPublications relays them. */
  readonly keptPublications: Queue;
  readonly replayer: HouseFunction;

  constructor(scope: Construct, id: string, props: DomainEventsProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { description: 'Order-to-cash domain events (PO acknowledgments, ship notices)' });
    this.keptPublications = keptRecordsQueue(this, 'KeptPublications', { keeper: 'event publisher', replayer: 'ReplayKeptPublications' });
    new cloudwatch.Alarm(this, 'KeptPublicationsAlarm', {
      alarmDescription:
        'A table change the publisher could not relay has waited 15 minutes in the kept-publications queue although ReplayKeptPublications retries every 5: an 855 or ship notice is not on the bus, or an order has no workflow.',
      metric: this.keptPublications.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5) }),
      threshold: 900,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // The bus and the queue are this construct's own: the functions' settings and grants name them.
    const relayBindings: Bindings = {
      ...props.bindings,
      eventBus: this.bus,
      local: { ...props.bindings.local, EVENT_BUS_NAME: this.bus.eventBusName, KEPT_PUBLICATIONS_QUEUE_URL: this.keptPublications.queueUrl },
    };
    this.publisher = buildFunction(this, publisherFunction, relayBindings);
    this.keptPublications.grantSendMessages(this.publisher);
    this.replayer = buildFunction(this, replayKeptPublicationsFunction, relayBindings);
    this.keptPublications.grantConsumeMessages(this.replayer);
    new events.Rule(this, 'ReplayKeptPublicationsSchedule', {
      description: 'Relays the stream records the publisher kept, every 5 minutes',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(this.replayer, { retryAttempts: 2 })],
    });
    this.deadLetters = streamDeadLetters(this, 'PublisherDlq', {
      consumer: 'publisher stream consumer',
      alarmDescription: 'Table changes the publisher gave up on after retries: an event was not published or an order has no workflow until they are replayed.',
    });
    const streamArn = props.bindings.table.tableStreamArn;
    if (!streamArn) throw new Error('the table needs a stream for the event publisher');
    new lambda.EventSourceMapping(this, 'TableStream', {
      target: this.publisher,
      eventSourceArn: streamArn,
      startingPosition: lambda.StartingPosition.LATEST,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      // Only what can be an event reaches the function; everything else in the stream is skipped by the service.
      filters: [
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { _et: { S: ['PoAcknowledgment', 'AdvanceShipNotice'] } } },
        }),
        // Recall consignees acknowledged (the link's POST); the handler publishes the first acknowledgement only.
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('MODIFY'),
          dynamodb: { NewImage: { _et: { S: ['RecallConsignee'] }, acknowledgedAt: { S: lambda.FilterRule.exists() } } },
        }),
        // Orders entering RECEIVED (written by intake, or a held order kept); the handler ignores other order changes.
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
          dynamodb: { NewImage: { _et: { S: ['Order'] }, status: { S: ['RECEIVED'] } } },
        }),
      ],
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: 10,
      maxRecordAge: Duration.days(1),
      // Only when the publisher can neither relay nor keep a record (its position, no content: see keptPublications).
      onFailure: new SqsDlq(this.deadLetters),
    });
    this.deadLetters.grantSendMessages(this.publisher);
    iteratorAgeAlarm(this, 'PublisherIteratorAge', this.publisher, 'event publisher (stream consumer)');
  }
}
