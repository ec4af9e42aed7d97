import { Aspects, Duration, Stack, type IAspect } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from './nag.js';

export interface OperationalAlarmsProps {
  /** Who is emailed when an alarm fires (context `alarmEmail`); without it, subscribe to the topic yourself. */
  email?: string;
}

/** Gives every CloudWatch alarm of the stack the topic as its alarm action, alarms added after this construct included. */
class NotifyTopic implements IAspect {
  private readonly action: SnsAction;
  constructor(topic: sns.ITopic) {
    this.action = new SnsAction(topic);
  }
  visit(node: IConstruct): void {
    if (node instanceof cloudwatch.Alarm) node.addAlarmAction(this.action);
  }
}

/**
 * The one topic for operational alarms (stuck workflows, dead letters, the
 * audit archive falling behind). Every alarm of the stack notifies it: an
 * alarm nobody hears is no alarm.
 */
export class OperationalAlarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Order-to-cash operational alarms', enforceSSL: true });
    acknowledge(this.topic, [
      {
        id: 'AwsSolutions-SNS2',
        reason: 'CloudWatch alarms publish here; an AWS-managed key cannot grant CloudWatch, and a notification carries only the alarm, its metric and state.',
      },
    ]);
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    Aspects.of(Stack.of(this)).add(new NotifyTopic(this.topic));
  }
}

/**
 * Alarms on a workflow's executions that ended failed or timed out: either
 * means something stopped on its way (an order that could not be closed or
 * needs an operator, a recall that could not finish).
 */
export function watchExecutions(scope: Construct, id: string, stateMachine: sfn.IStateMachine, what: string): void {
  const alarm = (name: string, metric: cloudwatch.Metric, description: string) =>
    new cloudwatch.Alarm(scope, `${id}${name}`, {
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  const period = { period: Duration.minutes(5), statistic: 'Sum' };
  alarm('ExecutionsFailed', stateMachine.metricFailed(period), `A ${what} execution failed: see its status reason and the execution history.`);
  alarm('ExecutionsTimedOut', stateMachine.metricTimedOut(period), `A ${what} execution timed out: nothing closed it; see the execution history.`);
}
