import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinWithPlaceholders, synthesizedApp, type SynthesizedApp } from './synthesized-app.js';
import { LAMBDA_TECHNICAL_ERRORS, longestRetrySeconds, retrierFor, taskStatesOf, type Definition, type State } from './state-machine-definition.js';
import { TRANSIENT_ERRORS } from '../../workflows/technical-retries.js';

const ONE_DAY = 24 * 60 * 60;
const THIRTY_DAYS = 30 * ONE_DAY;

let synthesized: SynthesizedApp;
let template: Template;
let stateMachine: Record<string, unknown>;
let definition: Definition;

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  // The recall workflow has tests of its own (recall-workflow.test.ts).
  const machines = Object.entries(template.findResources('AWS::StepFunctions::StateMachine')).filter(([id]) => id.startsWith('OrderFulfilment'));
  expect(machines).toHaveLength(1);
  stateMachine = machines[0]![1].Properties as Record<string, unknown>;
  definition = JSON.parse(joinWithPlaceholders(stateMachine.DefinitionString)) as Definition;
});

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

  it('when the whole execution is bounded, then it ends within thirty days (every wait inside has its own timeout)', () => {
    expect(definition.TimeoutSeconds).toBe(THIRTY_DAYS);
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
    expect(ends).toEqual(['OrderArchived:Succeed', 'OrderFailed:Fail', 'OrderNeedsAttention:Fail', 'OrderRejected:Succeed']);
  });
});

describe('given the approvals, collected in parallel by a Map state', () => {
  let collect: State;
  let iteration: Record<string, State>;
  beforeAll(() => {
    collect = definition.States.CollectApprovals!;
    iteration = collect.ItemProcessor!.States;
  });

  it('when the Map is inspected, then it runs one iteration per required approval, all at once, then concludes', () => {
    expect(collect).toMatchObject({ Type: 'Map', ItemsPath: '$.steps.assessment.approvals', Next: 'ConcludeApprovals' });
    // Absent or 0 means no limit: every approver is asked at the same time.
    expect(collect.MaxConcurrency ?? 0).toBe(0);
    expect(collect.ItemProcessor!.StartAt).toBe('RequestApproval');
    expect(collect.Catch?.at(-1)).toEqual(expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'DescribeFailure' }));
  });

  it('when RequestApproval is inspected, then it invokes Lambda with the waitForTaskToken pattern and passes the approval and the token', () => {
    expect(iteration.RequestApproval!.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(iteration.RequestApproval!.Parameters).toMatchObject({
      Payload: { 'orderId.$': '$.orderId', 'reason.$': '$.reason', 'role.$': '$.role', 'level.$': '$.level', 'taskToken.$': '$$.Task.Token' },
    });
  });

  it('when its time limits are inspected, then it waits one escalation period (a day by default) with a heartbeat just under it', () => {
    expect(iteration.RequestApproval!.TimeoutSeconds).toBe(ONE_DAY);
    expect(iteration.RequestApproval!.HeartbeatSeconds).toBeGreaterThan(0);
    expect(iteration.RequestApproval!.HeartbeatSeconds).toBeLessThan(ONE_DAY);
  });

  it('when it times out, then it escalates, and loops back to a new request or ends expired at the end of the chain', () => {
    const timeout = iteration.RequestApproval!.Catch?.find((c) => c.ErrorEquals.includes('States.Timeout'));
    expect(timeout).toMatchObject({ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'], Next: 'EscalateApproval' });
    expect(iteration.EscalateApproval!.Next).toBe('Escalated?');
    expect(iteration['Escalated?']!.Choices).toEqual([expect.objectContaining({ Next: 'RequestApproval' })]);
    expect(iteration['Escalated?']!.Default).toBe('ApprovalExpiredAtEndOfChain');
  });

  it('when approvals conclude, then a rejection rejects the order, a new credit hold loops back to the Map, and otherwise it is allocated', () => {
    expect(definition.States.ConcludeApprovals!.Next).toBe('ApprovalsConcluded?');
    const targets = definition.States['ApprovalsConcluded?']!.Choices!.map((choice) => choice.Next);
    expect(targets).toEqual(['RejectedInApproval', 'CollectApprovals']);
    expect(definition.States['ApprovalsConcluded?']!.Default).toBe('Allocate');
  });
});

describe('given an order short of stock', () => {
  it('when Allocate reports WAIT, then the order waits the recheck interval (an hour by default) and allocates again; REJECT ends it', () => {
    const choices = definition.States['Allocated?']!.Choices!;
    expect(choices).toEqual([
      expect.objectContaining({ Variable: '$.steps.allocate.outcome', StringEquals: 'REJECT', Next: 'StockShort' }),
      expect.objectContaining({ Variable: '$.steps.allocate.outcome', StringEquals: 'WAIT', Next: 'WaitForStock' }),
    ]);
    expect(definition.States.WaitForStock).toMatchObject({ Type: 'Wait', Seconds: 3600, Next: 'Allocate' });
    expect(definition.States['Allocated?']!.Default).toBe('RequestPick');
  });

  it('when Ship finds a lot of the allocation held, then the order is allocated again; there is no other way back', () => {
    expect(definition.States['Shipped?']!.Choices).toEqual([
      expect.objectContaining({ Variable: '$.steps.ship.outcome', StringEquals: 'REALLOCATE', Next: 'Allocate' }),
    ]);
    expect(definition.States['Shipped?']!.Default).toBe('Invoice');
  });

  it('when the Allocate function is configured, then it knows how long an order may wait for stock (three days by default)', () => {
    const allocate = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (fn) => (fn.Properties as { Environment?: { Variables?: Record<string, unknown> } }).Environment?.Variables?.STOCK_WAIT_SECONDS !== undefined,
    );
    expect(allocate?.Properties.Environment.Variables.STOCK_WAIT_SECONDS).toBe(String(3 * ONE_DAY));
  });
});

describe('given an allocated order waiting for the warehouse’s scan-to-ship', () => {
  it('when RequestPick is inspected, then it invokes Lambda with the waitForTaskToken pattern, passes the order and the token, and ships next', () => {
    const pick = definition.States.RequestPick!;
    expect(pick.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(pick.Parameters).toEqual({ FunctionName: expect.anything(), Payload: { 'orderId.$': '$.orderId', 'taskToken.$': '$$.Task.Token' } });
    expect(pick.Next).toBe('Ship');
  });

  it('when its time limit is inspected, then it waits three days by default (context pickTimeoutSeconds)', () => {
    expect(definition.States.RequestPick!.TimeoutSeconds).toBe(3 * ONE_DAY);
    const expire = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => (fn.Properties as { Environment?: { Variables?: Record<string, unknown> } }).Environment?.Variables?.PICK_TIMEOUT_SECONDS !== undefined,
    );
    expect(expire.map((fn) => fn.Properties.Environment.Variables.PICK_TIMEOUT_SECONDS)).toEqual([String(3 * ONE_DAY), String(3 * ONE_DAY)]);
  });

  it('when it times out, then ExpirePick decides as data: REJECT closes the order (stock released), anything else (confirmed in the same instant) ships', () => {
    const pick = definition.States.RequestPick!;
    expect(pick.Catch).toEqual([
      expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'ExpirePick' }),
      expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'DescribeFailure' }),
    ]);
    expect(definition.States.ExpirePick!.Next).toBe('PickExpired?');
    expect(definition.States['PickExpired?']!.Choices).toEqual([
      expect.objectContaining({ Variable: '$.steps.pick.outcome', StringEquals: 'REJECT', Next: 'NotPicked' }),
    ]);
    expect(definition.States['PickExpired?']!.Default).toBe('Ship');
    expect(definition.States.NotPicked!.Next).toBe('AcknowledgeRejection');
    expect(definition.States.AcknowledgeRejection!.Next).toBe('CloseRejected');
  });

  it('when the Ship function is configured, then it ships from the configured warehouse (DC1 by default)', () => {
    const ship = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (fn) => (fn.Properties as { Environment?: { Variables?: Record<string, unknown> } }).Environment?.Variables?.SHIP_FROM !== undefined,
    );
    expect(JSON.parse(ship?.Properties.Environment.Variables.SHIP_FROM as string)).toEqual({ id: 'DC1', name: 'Distribution center' });
  });
});

describe('given the error handling of every state', () => {
  it('when Retry and Catch error names are collected, then only States.*, Lambda service errors and the named transient errors are matched, never business errors', () => {
    for (const [name, state] of Object.entries(definition.States)) {
      for (const handler of [...(state.Retry ?? []), ...(state.Catch ?? [])]) {
        for (const error of handler.ErrorEquals) {
          expect(error.startsWith('States.') || LAMBDA_TECHNICAL_ERRORS.includes(error) || TRANSIENT_ERRORS.includes(error), `${name} matches ${error}`).toBe(
            true,
          );
        }
      }
    }
  });

  it('when a step before shipment fails technically, then it is caught (States.ALL) and the order is closed as FAILED', () => {
    for (const name of ['Validate', 'Price', 'CreditCheck', 'ConcludeApprovals', 'Allocate', 'RequestPick', 'ExpirePick', 'Ship', 'CollectApprovals']) {
      const state = definition.States[name]!;
      expect(state.Catch?.at(-1), name).toEqual(expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'DescribeFailure' }));
    }
    expect(definition.States.DescribeFailure?.Next).toBe('CloseFailed');
    expect(definition.States.CloseFailed?.Next).toBe('OrderFailed');
  });

  it('when a business step runs, then it has a task timeout', () => {
    for (const name of ['Validate', 'Price', 'CreditCheck', 'ConcludeApprovals', 'Allocate', 'ExpirePick', 'Ship', 'Invoice', 'Archive']) {
      expect(definition.States[name]?.TimeoutSeconds, name).toBe(60);
    }
  });

  it('when an order is closed, then the close task retries every error before giving up', () => {
    for (const name of ['CloseRejected', 'CloseFailed']) {
      expect(retrierFor(definition.States[name]!, 'States.TaskFailed'), name).toBeDefined();
    }
  });

  it('when a close task still fails after its retries, then it is caught into marking the order NEEDS_ATTENTION, which ends the execution failed (alarmed)', () => {
    for (const name of ['CloseRejected', 'CloseFailed']) {
      expect(definition.States[name]?.Catch, name).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'DescribeStuckClose' })]);
    }
    expect(definition.States.DescribeStuckClose?.Next).toBe('MarkNeedsAttention');
    const mark = definition.States.MarkNeedsAttention!;
    expect(mark.Parameters).toMatchObject({ status: 'NEEDS_ATTENTION', 'orderId.$': '$.orderId', 'reason.$': '$.closure.reason' });
    expect(mark.Next).toBe('OrderNeedsAttention');
    // Even when the order cannot be marked, the execution ends failed: the alarm on ExecutionsFailed is the last word.
    expect(mark.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'OrderNeedsAttention' })]);
    expect(definition.States.OrderNeedsAttention?.Type).toBe('Fail');
  });
});

describe('given technical failures (throttles, service errors, crashes)', () => {
  it('when every Task state (Map iterations included) is inspected, then a throttled invoke (Lambda.TooManyRequestsException) is retried with exponential backoff and full jitter, at least 6 times', () => {
    const tasks = taskStatesOf(definition.States);
    expect(tasks.map(([name]) => name)).toEqual(
      expect.arrayContaining(['RequestApproval', 'EscalateApproval', 'RequestPick', 'Invoice', 'Archive', 'CloseFailed']),
    );
    for (const [name, state] of tasks) {
      const retrier = retrierFor(state, 'Lambda.TooManyRequestsException');
      expect(retrier, name).toMatchObject({ JitterStrategy: 'FULL', BackoffRate: expect.any(Number) });
      expect(retrier!.BackoffRate, name).toBeGreaterThan(1);
      expect(retrier!.MaxAttempts, name).toBeGreaterThanOrEqual(6);
    }
  });

  it('when every Task state is inspected, then every Lambda service error and every named transient error is retried with full jitter', () => {
    for (const [name, state] of taskStatesOf(definition.States)) {
      for (const error of [...LAMBDA_TECHNICAL_ERRORS, ...TRANSIENT_ERRORS]) {
        expect(retrierFor(state, error)?.JitterStrategy, `${name} ${error}`).toBe('FULL');
      }
    }
  });

  it('when a step the workflow waits on (not a human or the warehouse) times out, then the timeout is retried with jitter', () => {
    for (const name of ['Validate', 'Price', 'CreditCheck', 'ConcludeApprovals', 'Allocate', 'ExpirePick', 'Ship', 'Invoice', 'Archive']) {
      expect(retrierFor(definition.States[name]!, 'States.Timeout')?.JitterStrategy, name).toBe('FULL');
    }
  });

  it('when a human or the warehouse does not answer in time, then the timeout is not retried (it is the escalation or the pick expiry)', () => {
    const approval = definition.States.CollectApprovals!.ItemProcessor!.States.RequestApproval!;
    for (const state of [approval, definition.States.RequestPick!]) {
      for (const error of ['States.Timeout', 'States.HeartbeatTimeout']) expect(retrierFor(state, error)?.MaxAttempts ?? 0, error).toBe(0);
    }
  });
});

describe('given an order that has shipped', () => {
  it('when Invoice or Archive fails, then it is retried for at least an hour with full jitter, whatever the error', () => {
    for (const name of ['Invoice', 'Archive']) {
      for (const error of ['Lambda.TooManyRequestsException', 'States.TaskFailed', 'AccessDeniedException', 'States.Timeout']) {
        const retrier = retrierFor(definition.States[name]!, error);
        expect(retrier?.JitterStrategy, `${name} ${error}`).toBe('FULL');
        expect(longestRetrySeconds(retrier!), `${name} ${error}`).toBeGreaterThanOrEqual(3600);
      }
    }
  });

  it('when Invoice or Archive still fails, then the order goes to NEEDS_ATTENTION (shipment kept), never to the FAILED close', () => {
    for (const name of ['Invoice', 'Archive']) {
      expect(definition.States[name]!.Catch, name).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'DescribeUnfinishedShipment' })]);
    }
    expect(definition.States.DescribeUnfinishedShipment?.Next).toBe('MarkNeedsAttention');
  });
});
