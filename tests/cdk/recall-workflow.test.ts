import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinWithPlaceholders, synthesizedApp, type SynthesizedApp } from './synthesized-app.js';
import { LAMBDA_TECHNICAL_ERRORS, retrierFor, taskStatesOf, type Definition } from './state-machine-definition.js';

let synthesized: SynthesizedApp;
let template: Template;
let machine: Record<string, unknown>;
let definition: Definition;

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  const machines = Object.entries(template.findResources('AWS::StepFunctions::StateMachine')).filter(([id]) => id.startsWith('RecallsRecallWorkflow'));
  expect(machines).toHaveLength(1);
  machine = machines[0]![1].Properties as Record<string, unknown>;
  definition = JSON.parse(joinWithPlaceholders(machine.DefinitionString)) as Definition;
});

describe('given the recall state machine', () => {
  it('when its settings are inspected, then it is a STANDARD workflow with tracing and logs', () => {
    expect(machine.StateMachineType).toBe('STANDARD');
    expect(machine.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
  });

  it('when its path is followed, then it contains first, then notifies, then archives', () => {
    const { States: states, StartAt } = definition;
    expect(StartAt).toBe('Contain');
    const choice = states[states.Contain!.Next!]!;
    expect(choice.Type).toBe('Choice');
    expect(choice.Choices).toEqual([expect.objectContaining({ Variable: '$.contain.shipped', Next: 'Notify' })]);
    expect(choice.Default).toBe('Archive');
    expect(states.Notify!.Next).toBe('Archive');
    expect(states[states.Archive!.Next!]!.Type).toBe('Succeed');
  });

  it('when every task is inspected, then each has a timeout, retries technical failures and is caught into MarkFailed', () => {
    for (const name of ['Contain', 'Notify', 'Archive']) {
      const state = definition.States[name]!;
      expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
      expect(
        state.Retry?.flatMap((retry) => retry.ErrorEquals),
        name,
      ).toContain('States.TaskFailed');
      expect(state.Catch, name).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'MarkFailed' })]);
    }
    expect(definition.States[definition.States.MarkFailed!.Next!]!.Type).toBe('Fail');
  });

  it('when every task is inspected, then a throttled invoke and every Lambda service error are retried with exponential backoff and full jitter, at least 6 times', () => {
    const tasks = taskStatesOf(definition.States);
    expect(tasks.map(([name]) => name).sort()).toEqual(['Archive', 'Contain', 'MarkFailed', 'Notify']);
    for (const [name, state] of tasks) {
      for (const error of LAMBDA_TECHNICAL_ERRORS) {
        const retrier = retrierFor(state, error);
        expect(retrier?.JitterStrategy, `${name} ${error}`).toBe('FULL');
        expect(retrier!.BackoffRate, name).toBeGreaterThan(1);
      }
      expect(retrierFor(state, 'Lambda.TooManyRequestsException')!.MaxAttempts, name).toBeGreaterThanOrEqual(6);
    }
  });

  it('when MarkFailed itself fails, then it is caught and the execution ends failed (alarmed), never silently', () => {
    const markFailed = definition.States.MarkFailed!;
    expect(markFailed.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'RecallNeedsAttention' })]);
    expect(definition.States.RecallNeedsAttention?.Type).toBe('Fail');
  });
});

describe('given the recall acknowledgements published on the bus', () => {
  it('when the rule for RecallAcknowledged is read, then it invokes the recall acknowledgement archiver, with retries and a dead-letter queue', () => {
    const template = synthesizedApp().computeTemplate;
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties.EventPattern ?? {}).includes('RecallAcknowledged'),
    );
    expect(rules).toHaveLength(1);
    const rule = rules[0]!.Properties;
    expect(rule.EventPattern).toEqual({ source: ['o2c.orders'], 'detail-type': ['RecallAcknowledged'] });
    expect(JSON.stringify(rule.EventBusName)).toMatch(/DomainEventsBus/);
    expect(rule.Targets).toHaveLength(1);
    expect(JSON.stringify(rule.Targets[0].Arn)).toMatch(/RecallAckArchive/);
    expect(rule.Targets[0].RetryPolicy.MaximumRetryAttempts).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rule.Targets[0].DeadLetterConfig)).toMatch(/AckArchiveDlq/);
  });
});
