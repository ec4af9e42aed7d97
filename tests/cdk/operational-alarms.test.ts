import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { OperationalAlarms } from '../../infra/platform/operational-alarms.js';
import { synthesizedApp, type SynthesizedApp } from './synthesized-app.js';

interface AlarmProperties {
  AlarmActions?: unknown[];
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value: { Ref?: string } }[];
}

let synthesized: SynthesizedApp;

beforeAll(() => {
  synthesized = synthesizedApp();
});

const alarmsOf = (template: Template) =>
  Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([id, resource]) => [id, resource.Properties as AlarmProperties] as const);

describe('given the operational alarm topic', () => {
  it('when the compute stack is inspected, then it has exactly one SNS topic for operational alarms', () => {
    const topics = Object.entries(synthesized.computeTemplate.findResources('AWS::SNS::Topic')).filter(([id]) => id.startsWith('OperationalAlarms'));
    expect(topics).toHaveLength(1);
  });

  it('when every CloudWatch alarm of both stacks is inspected, then each notifies the operational alarm topic', () => {
    const [topicId] = Object.keys(synthesized.computeTemplate.findResources('AWS::SNS::Topic')).filter((id) => id.startsWith('OperationalAlarms'));
    const alarms = alarmsOf(synthesized.computeTemplate);
    expect(alarms.length).toBeGreaterThan(0);
    for (const [id, alarm] of alarms) expect(alarm.AlarmActions, id).toEqual([{ Ref: topicId }]);
    // The data stack has no alarms; one there would need a topic of its own (it cannot reference the compute stack).
    expect(alarmsOf(synthesized.dataTemplate)).toEqual([]);
  });

  it('when the state machines are inspected, then each has an alarm on failed and on timed-out executions', () => {
    const machines = Object.keys(synthesized.computeTemplate.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines.sort()).toEqual([expect.stringMatching(/^OrderFulfilment/), expect.stringMatching(/^RecallsRecallWorkflow/)]);
    for (const machine of machines) {
      const watched = alarmsOf(synthesized.computeTemplate)
        .filter(([, alarm]) => alarm.Namespace === 'AWS/States' && alarm.Dimensions?.some((dimension) => dimension.Value.Ref === machine))
        .map(([, alarm]) => alarm.MetricName)
        .sort();
      expect(watched, machine).toEqual(['ExecutionsFailed', 'ExecutionsTimedOut']);
    }
  });

  it('when no alarm email is configured, then the topic has no subscription', () => {
    const [topicId] = Object.keys(synthesized.computeTemplate.findResources('AWS::SNS::Topic')).filter((id) => id.startsWith('OperationalAlarms'));
    const subscriptions = Object.values(synthesized.computeTemplate.findResources('AWS::SNS::Subscription'));
    expect(subscriptions.filter((subscription) => JSON.stringify(subscription.Properties.TopicArn) === JSON.stringify({ Ref: topicId }))).toEqual([]);
  });

  it('when an alarm email is configured, then it is subscribed to the topic, and an alarm added later still gets the action', () => {
    const stack = new Stack(new App(), 'AlarmsUnderTest');
    new OperationalAlarms(stack, 'OperationalAlarms', { email: 'ops@example.com' });
    new cloudwatch.Alarm(stack, 'Later', {
      metric: new cloudwatch.Metric({ namespace: 'Test', metricName: 'Anything' }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
    expect(alarmsOf(template).map(([, alarm]) => alarm.AlarmActions)).toEqual([[{ Ref: topicId }]]);
  }, 30_000);
});
