import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWithPlaceholders, synthesize, type SynthesizedApp } from './synthesized-app.js';

interface Catcher {
  ErrorEquals: string[];
  Next?: string;
}
interface State {
  Type: string;
  Next?: string;
  Default?: string;
  End?: boolean;
  Resource?: string;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
  Parameters?: Record<string, unknown>;
  Choices?: { Next: string }[];
  Retry?: Catcher[];
  Catch?: Catcher[];
}
interface Definition {
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, State>;
}

/** Errors the Lambda service itself raises; CDK retries them when retryOnServiceExceptions is on. */
const LAMBDA_SERVICE_ERRORS = ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'];
const THREE_DAYS = 3 * 24 * 60 * 60;

let synthesized: SynthesizedApp;
let template: Template;
let stateMachine: Record<string, unknown>;
let definition: Definition;

beforeAll(() => {
  synthesized = synthesize();
  template = synthesized.computeTemplate;
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  expect(machines).toHaveLength(1);
  stateMachine = machines[0]!.Properties as Record<string, unknown>;
  definition = JSON.parse(joinWithPlaceholders(stateMachine.DefinitionString)) as Definition;
});
afterAll(() => synthesized?.dispose());

describe('given the order fulfilment state machine', () => {
  it('when its settings are inspected, then it is a STANDARD workflow with X-Ray tracing', () => {
    expect(stateMachine.StateMachineType).toBe('STANDARD');
    expect(stateMachine.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('when its logging is inspected, then it logs ALL events to a log group without execution data', () => {
    expect(stateMachine.LoggingConfiguration).toMatchObject({
      Level: 'ALL',
      IncludeExecutionData: false,
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } }],
    });
  });

  it('when the whole execution is bounded, then it outlasts the approval timeout by two hours', () => {
    expect(definition.TimeoutSeconds).toBe(THREE_DAYS + 2 * 60 * 60);
  });

  it('when its graph is walked, then it starts at Validate and every transition names an existing state', () => {
    expect(definition.StartAt).toBe('Validate');
    const names = new Set(Object.keys(definition.States));
    for (const [name, state] of Object.entries(definition.States)) {
      const targets = [state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)];
      for (const target of targets.filter((t): t is string => t !== undefined)) expect(names.has(target), `${name} -> ${target}`).toBe(true);
    }
  });

  it('when its end states are listed, then orders end archived, rejected or failed', () => {
    const ends = Object.entries(definition.States)
      .filter(([, state]) => ['Succeed', 'Fail'].includes(state.Type))
      .map(([name, state]) => `${name}:${state.Type}`)
      .sort();
    expect(ends).toEqual(['OrderArchived:Succeed', 'OrderFailed:Fail', 'OrderRejected:Succeed']);
  });
});

describe('given the RequestApproval state that waits for a human', () => {
  let requestApproval: State;
  beforeAll(() => {
    requestApproval = definition.States.RequestApproval!;
  });

  it('when its integration is inspected, then it invokes Lambda with the waitForTaskToken pattern', () => {
    expect(requestApproval.Type).toBe('Task');
    expect(requestApproval.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
  });

  it('when its payload is inspected, then it passes the order id and the task token', () => {
    expect(requestApproval.Parameters).toMatchObject({ Payload: { 'orderId.$': '$.orderId', 'taskToken.$': '$$.Task.Token' } });
  });

  it('when its time limits are inspected, then it times out after the approval timeout with a heartbeat just under it', () => {
    expect(requestApproval.TimeoutSeconds).toBe(THREE_DAYS);
    expect(requestApproval.HeartbeatSeconds).toBeGreaterThan(0);
    expect(requestApproval.HeartbeatSeconds).toBeLessThan(requestApproval.TimeoutSeconds!);
  });

  it('when it times out, then the order is rejected as approval expired, not failed', () => {
    const timeout = requestApproval.Catch?.find((c) => c.ErrorEquals.includes('States.Timeout'));
    expect(timeout?.ErrorEquals).toEqual(expect.arrayContaining(['States.Timeout', 'States.HeartbeatTimeout']));
    expect(timeout?.Next).toBe('ApprovalExpired');
    expect(definition.States.ApprovalExpired).toMatchObject({ Type: 'Pass', Parameters: { reason: 'approval expired' }, Next: 'CloseRejected' });
  });
});

describe('given the error handling of every state', () => {
  it('when Retry and Catch error names are collected, then only States.* and Lambda service errors are matched, never custom errors', () => {
    for (const [name, state] of Object.entries(definition.States)) {
      for (const handler of [...(state.Retry ?? []), ...(state.Catch ?? [])]) {
        for (const error of handler.ErrorEquals) {
          expect(error.startsWith('States.') || LAMBDA_SERVICE_ERRORS.includes(error), `${name} matches ${error}`).toBe(true);
        }
      }
    }
  });

  it('when a business step fails technically, then it is caught (States.ALL) and the order is closed as FAILED', () => {
    for (const name of ['Validate', 'Price', 'CreditCheck', 'Allocate', 'Ship', 'Invoice', 'Archive', 'RequestApproval']) {
      const state = definition.States[name]!;
      expect(state.Catch?.at(-1), name).toEqual(expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'DescribeFailure' }));
    }
    expect(definition.States.DescribeFailure?.Next).toBe('CloseFailed');
    expect(definition.States.CloseFailed?.Next).toBe('OrderFailed');
  });

  it('when a business step runs, then it has a task timeout', () => {
    for (const name of ['Validate', 'Price', 'CreditCheck', 'Allocate', 'Ship', 'Invoice', 'Archive']) {
      expect(definition.States[name]?.TimeoutSeconds, name).toBe(60);
    }
  });

  it('when an order is closed, then the close task retries every error before giving up', () => {
    for (const name of ['CloseRejected', 'CloseFailed']) {
      expect(definition.States[name]?.Retry, name).toEqual(expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.ALL'] })]));
    }
  });
});
