import { CloudWatchClient, DescribeAlarmsCommand, PutMetricDataCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ESCALATION_SECONDS, TEST_PICK_TIMEOUT_SECONDS } from '../../infra/local/settings.js';
import { ChannelOrderView, OrderAccepted } from '../../shared/orders/schemas/order.js';
import type { Definition } from '../cdk/state-machine-definition.js';
import { sign, user } from '../support/approvals.js';
import { attemptsOf, deployedDefinition, executionOf, givenOrderWithFaults, planFault, plannedFault, type PlannedFault } from '../support/faults.js';
import { uniqueId } from '../support/fixtures.js';
import { waitForShippedOrder } from '../support/picking.js';
import { availableStock } from '../support/stock.js';
import { approvalLinkFor, deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, type ApiClient } from '../support/stack.js';

const ENDS = ['ARCHIVED', 'REJECTED', 'FAILED', 'NEEDS_ATTENTION'];
const QUANTITY = 2;
const STOCK = 20;
/** Long enough for the slowest path: on the emulator a failed RequestPick waits out the pick timeout (docs/emulator.md gap 8). */
const END_WAIT_MS = (TEST_PICK_TIMEOUT_SECONDS + TEST_ESCALATION_SECONDS + 60) * 1000;

const failing = (target: string, times: number): PlannedFault => ({ target, rule: { kind: 'fail', remaining: times } });
const throttled = (target: string, times: number): PlannedFault => ({ target, rule: { kind: 'throttle', remaining: times } });

/**
 * One order per step of the order workflow, each with a transient fault on its step (and its product of its own, so
 * its stock is its own to count). What a finished order must look like:
 * - `archived`: it recovered and went all the way: shipped, invoiced, archived; its units left the stock.
 * - `rejected`: it was turned down on its way (a business outcome), closed, and nothing stays reserved.
 * - `archived-or-not-picked`: a fault in RequestPick. On AWS the task fails and is retried, and the order ships; on
 *   the emulator the failure of a waitForTaskToken function is swallowed (docs/emulator.md gap 8), so the order waits
 *   out the pick timeout and is rejected "not picked", its stock released. Either is final and consistent.
 */
interface Scenario {
  step: string;
  faults: PlannedFault[];
  order: 'standard' | 'over-approval-threshold' | 'unpriceable';
  end: 'archived' | 'rejected' | 'archived-or-not-picked';
}

const SCENARIOS: Scenario[] = [
  { step: 'validate', faults: [failing('Validate', 2)], order: 'standard', end: 'archived' },
  // A delay past the function's 15 s timeout: the invocation times out (Sandbox.Timedout on AWS) and is retried.
  { step: 'price', faults: [{ target: 'Price', rule: { kind: 'delay', remaining: 1, delayMs: 20_000 } }], order: 'standard', end: 'archived' },
  { step: 'credit check', faults: [throttled('CreditCheck', 2)], order: 'standard', end: 'archived' },
  { step: 'acknowledge (855)', faults: [failing('AcknowledgeOrder', 1)], order: 'standard', end: 'archived' },
  {
    step: 'approval request, escalation and conclusion',
    faults: [failing('RequestApproval', 1), failing('ConcludeApprovals', 1)],
    order: 'over-approval-threshold',
    end: 'archived',
  },
  { step: 'allocate', faults: [throttled('Allocate', 2)], order: 'standard', end: 'archived' },
  { step: 'pick request', faults: [failing('RequestPick', 1)], order: 'standard', end: 'archived-or-not-picked' },
  { step: 'ship', faults: [failing('Ship', 2)], order: 'standard', end: 'archived' },
  { step: 'invoice', faults: [throttled('Invoice', 1)], order: 'standard', end: 'archived' },
  { step: 'archive', faults: [failing('Archive', 1)], order: 'standard', end: 'archived' },
  { step: 'close', faults: [failing('Close', 2)], order: 'unpriceable', end: 'rejected' },
];

const finance = user('finance1');
const director = user('director1');

describe('given a test deployment with fault injection on (faultInjection=true)', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let definition: Definition;
  let customerId: string;
  let unpriceableCustomerId: string;
  // The transient and the permanent faults run side by side (their waits overlap); each test awaits its own.
  let transient: Promise<Awaited<ReturnType<typeof run>>[]>;
  let permanent: Promise<Awaited<ReturnType<typeof runPermanent>>>;

  beforeAll(async () => {
    api = await portalApi(outputs);
    definition = await deployedDefinition(outputs);
    [customerId, unpriceableCustomerId] = await Promise.all([givenCustomer({ creditLimit: '1000000.00' }), givenCustomer({ currency: 'USD' })]);
    transient = Promise.all(SCENARIOS.map(run));
    permanent = runPermanent();
    // Awaited in the tests; a failure is reported there, not as an unhandled rejection.
    transient.catch(() => undefined);
    permanent.catch(() => undefined);
  });

  /**
   * Signs the order's approval as whoever it is waiting for: finance, or the director once it escalated (on the
   * emulator a failed RequestApproval waits out the escalation timeout, docs/emulator.md gap 8). An order that ends
   * without asking is left to the end-state assertions.
   */
  async function approve(orderId: string): Promise<void> {
    const deadline = Date.now() + END_WAIT_MS;
    while (Date.now() < deadline) {
      const link = await approvalLinkFor(orderId, undefined, 1_000).catch(() => undefined);
      if (link) {
        const signer = link.email.To.includes(director.email) ? director : finance;
        expect((await sign(api, link.approvalPath, signer, 'APPROVED')).status).toBe(200);
        return;
      }
      const view = await api.json(ChannelOrderView, 'GET', `/v1/orders/${orderId}`);
      if (view.status === 200 && ENDS.includes(view.body.status)) return;
    }
  }

  async function run(scenario: Scenario) {
    const gtin = await givenProduct({ quantity: STOCK, unitPrice: scenario.order === 'over-approval-threshold' ? '6000.00' : '10.00' });
    const orderId = await givenOrderWithFaults(
      outputs,
      { customerId: scenario.order === 'unpriceable' ? unpriceableCustomerId : customerId, gtin, quantity: QUANTITY },
      scenario.faults,
    );
    if (scenario.order === 'over-approval-threshold') await approve(orderId);
    const done: ChannelOrderView = await waitForShippedOrder(api, orderId, ENDS, END_WAIT_MS);
    const stock = Object.values(await availableStock(gtin)).reduce((sum, units) => sum + units, 0);
    const injected = await Promise.all(scenario.faults.map(async (fault) => (await plannedFault(orderId, fault.target))?.injected ?? 0));
    return { scenario, orderId, done, stock, injected };
  }

  /** Ship fails on every invocation; the close fails exactly as often as the FAILED close tries. */
  async function runPermanent() {
    const shipAttempts = attemptsOf(definition.States.Ship);
    const closeAttempts = attemptsOf(definition.States.CloseFailed);
    const gtin = await givenProduct({ quantity: STOCK });
    const orderId = await givenOrderWithFaults(outputs, { customerId, gtin, quantity: QUANTITY }, [
      { target: 'Ship', rule: { kind: 'fail', remaining: 1000 } },
      failing('Close', closeAttempts),
    ]);
    const done = await waitForShippedOrder(api, orderId, ENDS, END_WAIT_MS);
    const stock = Object.values(await availableStock(gtin)).reduce((sum, units) => sum + units, 0);
    return { orderId, done, stock, shipAttempts, closeAttempts };
  }

  it(
    'when every step of the order workflow meets a transient fault (one order per step, all at once), then every order ends final and consistent: recovered and archived, or closed with its stock released; none FAILED, none holding stock',
    async () => {
      const results = await transient;
      const report = results.map(({ scenario, done, stock, injected }) => ({
        step: scenario.step,
        faults: scenario.faults.map((fault, index) => `${fault.target} ${fault.rule.kind} ${injected[index]}/${fault.rule.remaining}`).join(', '),
        status: done.status,
        reason: done.statusReason ?? '',
        timeline: done.status === 'ARCHIVED' ? '' : done.timeline.map((event: { type: string }) => event.type).join(' '),
        stock: `${stock}/${STOCK}`,
      }));
      console.table(report);

      for (const { scenario, done, stock, injected } of results) {
        // Every planned fault hit the order: the order survived the fault, it did not miss it.
        expect(injected, scenario.step).toEqual(scenario.faults.map((fault) => fault.rule.remaining));
        expect(done.status, scenario.step).not.toBe('FAILED');
        if (scenario.end === 'rejected' || (scenario.end === 'archived-or-not-picked' && done.status === 'REJECTED')) {
          expect(done.status, scenario.step).toBe('REJECTED');
          expect(stock, `${scenario.step}: nothing stays reserved`).toBe(STOCK);
        } else {
          expect(done.status, `${scenario.step}: ${done.statusReason ?? ''}`).toBe('ARCHIVED');
          expect(done.invoice, scenario.step).toBeDefined();
          expect(stock, `${scenario.step}: exactly the shipped units left the stock`).toBe(STOCK - QUANTITY);
        }
      }
      const notPicked = results.find(({ scenario }) => scenario.end === 'archived-or-not-picked');
      if (notPicked?.done.status === 'REJECTED') expect(notPicked.done.statusReason).toMatch(/not picked/);
      expect(results.find(({ scenario }) => scenario.order === 'unpriceable')?.done.statusReason).toMatch(/price|currency/i);
    },
    END_WAIT_MS + 60_000,
  );

  it(
    'when Ship fails every time and the close fails until its retries are spent, then retries are bounded: Ship runs its attempts, the close its own, and the order needs attention with its stock released and its execution failed (alarmed)',
    async () => {
      const { orderId, done, stock, shipAttempts, closeAttempts } = await permanent;
      expect(shipAttempts).toBeLessThanOrEqual(11);
      const ship = await plannedFault(orderId, 'Ship');
      const close = await plannedFault(orderId, 'Close');
      console.table([{ orderId, status: done.status, reason: done.statusReason, shipInvocations: ship?.injected, closeInvocations: close?.injected }]);

      expect(ship?.injected).toBe(shipAttempts);
      expect(close?.injected).toBe(closeAttempts);
      expect(done).toMatchObject({ status: 'NEEDS_ATTENTION', statusReason: expect.stringMatching(/could not be closed/) });
      expect(stock).toBe(STOCK);
      // Nothing is retried after the end: the counts stay where they are.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await plannedFault(orderId, 'Ship'))?.injected).toBe(shipAttempts);
      const execution = await executionOf(outputs, orderId);
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toBe('OrderNeedsAttention');
    },
    END_WAIT_MS,
  );

  it('when an execution has failed, then the ExecutionsFailed alarm of the order workflow goes to ALARM and notifies the alarm topic', async () => {
    const cloudwatch = new CloudWatchClient({});
    const { MetricAlarms = [] } = await cloudwatch.send(new DescribeAlarmsCommand({}));
    const alarm = MetricAlarms.find(
      (candidate) =>
        candidate.Namespace === 'AWS/States' &&
        candidate.MetricName === 'ExecutionsFailed' &&
        candidate.Dimensions?.some((dimension) => dimension.Name === 'StateMachineArn' && dimension.Value === outputs.StateMachineArn),
    );
    expect(alarm?.AlarmActions).toHaveLength(1);
    const topicArn = alarm!.AlarmActions![0]!;

    const sqs = new SQSClient({});
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueId('alarm-inbox') }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await new SNSClient({}).send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn! }));
    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarm!.AlarmName!, StateValue: 'OK', StateReason: 'test starts from OK' }));

    // Step Functions on the emulator publishes no metrics (docs/emulator.md): the test publishes the datum AWS
    // publishes for the failed execution of the previous test, and the emulator's CloudWatch evaluates the alarm.
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/States',
        MetricData: [{ MetricName: 'ExecutionsFailed', Value: 1, Unit: 'Count', Dimensions: [{ Name: 'StateMachineArn', Value: outputs.StateMachineArn }] }],
      }),
    );
    const [after] = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarm!.AlarmName!] }))).MetricAlarms ?? [];
    expect(after?.StateValue).toBe('ALARM');

    const deadline = Date.now() + 20_000;
    let notification: string | undefined;
    while (!notification && Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }));
      notification = Messages.map((message) => message.Body ?? '').find((body) => body.includes(alarm!.AlarmName!) && body.includes('ALARM'));
    }
    expect(notification).toBeDefined();
  });

  it('when placing an order fails once (a fault in the intake function), then the retry with the same Idempotency-Key is accepted, once', async () => {
    const key = idempotencyKey();
    await planFault(key, failing('PlaceOrder', 1));
    const body = newOrder({ customerId });
    const first = await api.request('POST', '/v1/orders', { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(500);
    const retried = await api.json(OrderAccepted, 'POST', '/v1/orders', { body, headers: { 'idempotency-key': key } });
    expect(retried.status).toBe(202);
    const again = await api.json(OrderAccepted, 'POST', '/v1/orders', { body, headers: { 'idempotency-key': key } });
    expect(again.body.orderId).toBe(retried.body.orderId);
    expect((await plannedFault(key, 'PlaceOrder'))?.injected).toBe(1);
  });
});
