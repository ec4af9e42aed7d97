import { Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { recallLetterEventsFunction } from '../../shared/recalls/functions.js';
import type { HouseFunction } from '../platform/house-function.js';
import { acknowledge } from '../platform/nag.js';
import { buildFunction, type Bindings } from '../platform/registered-function.js';

/**
 * Delivery status of recall letters: the letters are sent through an SES
 * configuration set whose event destination publishes deliveries, bounces and
 * complaints to an SNS topic; one function records them on the letters.
 */
export class RecallLetterEvents extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;
  readonly topic: sns.Topic;
  readonly handler: HouseFunction;

  constructor(scope: Construct, id: string, props: { bindings: Bindings }) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Recall letter delivery reports', enforceSSL: true });
    acknowledge(this.topic, [
      {
        id: 'AwsSolutions-SNS2',
        reason: 'SES publishes here; an AWS-managed key cannot grant SES, and the reports carry no more than the message id, recipient and SMTP status.',
      },
    ]);
    this.configurationSet = new ses.ConfigurationSet(this, 'LetterSet', {});
    this.configurationSet.addEventDestination('Reports', {
      destination: ses.EventDestination.snsTopic(this.topic),
      events: [ses.EmailSendingEvent.DELIVERY, ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });

    this.handler = buildFunction(this, recallLetterEventsFunction, props.bindings);
    this.topic.addSubscription(new subscriptions.LambdaSubscription(this.handler));
  }
}
