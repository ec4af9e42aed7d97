import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizedApp, type FunctionInfo } from './synthesized-app.js';

interface RuleProperties {
  EventPattern?: { source?: string[]; 'detail-type'?: string[]; detail?: { status?: string[]; stateMachineArn?: unknown[] } };
  ScheduleExpression?: string;
  Targets: { Arn: { 'Fn::GetAtt': [string, string] } }[];
}

let template: Template;
let functions: FunctionInfo[];
let rules: RuleProperties[];

beforeAll(() => {
  const synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  functions = synthesized.functions;
  rules = Object.values(template.findResources('AWS::Events::Rule')).map((resource) => resource.Properties as RuleProperties);
});

const targetOf = (rule: RuleProperties) => functions.find((fn) => fn.logicalId === rule.Targets[0]?.Arn['Fn::GetAtt'][0])?.name;

describe('given the stuck-order closer and sweep', () => {
  it('when the rules are read, then the order workflow’s TIMED_OUT, FAILED and ABORTED status changes reach CloseEndedOrder, and no other machine’s', () => {
    const machine = Object.keys(template.findResources('AWS::StepFunctions::StateMachine')).find((id) => id.startsWith('OrderFulfilment'))!;
    const ended = rules.filter((rule) => rule.EventPattern?.['detail-type']?.includes('Step Functions Execution Status Change'));
    expect(ended).toHaveLength(1);
    expect(ended[0]!.EventPattern).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['TIMED_OUT', 'FAILED', 'ABORTED'], stateMachineArn: [{ Ref: machine }] },
    });
    expect(targetOf(ended[0]!)).toBe('CloseEndedOrder');
  });

  it('when the schedules are read, then SweepStuckOrders runs every 15 minutes', () => {
    const sweeps = rules.filter((rule) => targetOf(rule) === 'SweepStuckOrders');
    expect(sweeps.map((rule) => rule.ScheduleExpression)).toEqual(['rate(15 minutes)']);
  });

  it('when the alarms are read, then one fires on any order closed as stuck (the topic action is asserted for every alarm elsewhere)', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((resource) => resource.Properties as Record<string, unknown>);
    expect(alarms.filter((alarm) => alarm.MetricName === 'StuckOrdersClosed')).toEqual([
      expect.objectContaining({ Namespace: 'OrderToCash', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Period: 900 }),
    ]);
  });
});
