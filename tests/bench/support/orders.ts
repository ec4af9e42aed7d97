import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { StackOutputs } from '../../../infra/local/deploy.js';
import { DEMO_USERS } from '../../../infra/local/demo-data.js';
import { scanToShip, staffUserToken } from '../../../infra/local/scanner.js';
import { OrderAccepted } from '../../../shared/orders/schemas/order.js';
import { sign, user } from '../../support/approvals.js';
import { approvalLinkFor, idempotencyKey, newOrder, type ApiClient } from '../../support/stack.js';
import type { BenchData } from './bench-data.js';

/** The order paths the cost model prices; each is one customer and one quantity of the bench product. */
export interface OrderPath {
  id: 'autoApproved' | 'approval' | 'creditHoldReleased' | 'rejected';
  label: string;
  customerId: string;
  quantity: number;
  /** An approver of the right role signs on the emailed link's page. */
  signature?: { signer: string; meaning: string; comment?: string };
  /** What the order must show at the end, so a path that silently took another route fails the bench. */
  expected: { status: 'ARCHIVED' | 'REJECTED'; approvalReasons: string[] };
}

export function orderPaths(data: BenchData): OrderPath[] {
  return [
    { id: 'autoApproved', label: 'auto-approved', customerId: data.customers.auto, quantity: 2, expected: { status: 'ARCHIVED', approvalReasons: [] } },
    // 12 x 850.00 = 10,200.00, over the 10,000.00 order-value threshold.
    {
      id: 'approval',
      label: 'approval (order value)',
      customerId: data.customers.approval,
      quantity: 12,
      signature: { signer: 'finance1', meaning: 'APPROVED' },
      expected: { status: 'ARCHIVED', approvalReasons: ['ORDER_VALUE_OVER_THRESHOLD'] },
    },
    {
      id: 'creditHoldReleased',
      label: 'credit hold released',
      customerId: data.customers.creditHold,
      quantity: 2,
      signature: { signer: 'credit1', meaning: 'RELEASED_FROM_CREDIT_HOLD', comment: 'bench' },
      expected: { status: 'ARCHIVED', approvalReasons: ['CREDIT_HOLD'] },
    },
    // A blocked customer is a credit hold; the credit controller rejects it and Close records REJECTED.
    {
      id: 'rejected',
      label: 'rejected (blocked customer, credit controller rejects)',
      customerId: data.customers.blocked,
      quantity: 2,
      signature: { signer: 'credit1', meaning: 'REJECTED', comment: 'bench' },
      expected: { status: 'REJECTED', approvalReasons: ['CREDIT_HOLD'] },
    },
  ];
}

let sfn: SFNClient | undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function executionArn(outputs: StackOutputs, orderId: string): string {
  return `${outputs.StateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
}

export async function placeOrder(api: ApiClient, path: OrderPath, gtin: string): Promise<string> {
  const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
    body: newOrder({ customerId: path.customerId, lines: [{ gtin, quantity: path.quantity }] }),
    headers: { 'idempotency-key': idempotencyKey() },
  });
  if (placed.status !== 202) throw new Error(`POST /v1/orders answered ${placed.status}: ${placed.text}`);
  return placed.body.orderId;
}

/** Polls the order record in the table (the bench's own reads, never counted) until it has one of the statuses. */
async function waitForStatus(orderId: string, statuses: string[], timeoutMs: number): Promise<string> {
  const { findOrder } = await import('../../../shared/orders/data/order-repository.js');
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  while (Date.now() < deadline) {
    last = (await findOrder(orderId))?.status;
    if (last && statuses.includes(last)) return last;
    await sleep(100);
  }
  throw new Error(`order ${orderId} did not reach ${statuses.join('/')} (last: ${last})`);
}

let warehouseToken: Promise<string> | undefined;

/**
 * The scripted warehouse scanner, as a packing station works: once the order
 * is READY_TO_PICK (seen in the table, the bench's own uncounted read) the
 * demo warehouse user reads its pick task and confirms the scan of its
 * allocation: one GET and one POST per order, counted like any API request.
 */
export async function scanWhenReady(outputs: StackOutputs, orderId: string, timeoutMs = 120_000): Promise<void> {
  const status = await waitForStatus(orderId, ['READY_TO_PICK', 'REJECTED', 'FAILED'], timeoutMs);
  if (status !== 'READY_TO_PICK') return;
  const packer = DEMO_USERS.find((candidate) => candidate.username === 'warehouse1')!;
  warehouseToken ??= staffUserToken(outputs, packer.username, packer.password);
  const scanned = await scanToShip(outputs, await warehouseToken, orderId, timeoutMs);
  if (scanned.status !== 202) throw new Error(`scan-to-ship of ${orderId} answered ${scanned.status}: ${JSON.stringify(scanned.body)}`);
}

/** What an approver does: open the emailed link (GET shows the page and the order hash), then sign (POST). */
export async function decide(api: ApiClient, orderId: string, signature: NonNullable<OrderPath['signature']>): Promise<void> {
  const status = await waitForStatus(orderId, ['AWAITING_APPROVAL', 'REJECTED', 'FAILED'], 60_000);
  if (status !== 'AWAITING_APPROVAL') throw new Error(`order ${orderId} ended ${status} before its approval`);
  const signer = user(signature.signer);
  const { approvalPath } = await approvalLinkFor(orderId, signer.email);
  const signed = await sign(api, approvalPath, signer, signature.meaning, signature.comment ? { comment: signature.comment } : {});
  if (signed.status !== 200) throw new Error(`approval signature answered ${signed.status}: ${signed.text}`);
}

/** Waits for the order's execution to end, through DescribeExecution: no API request, no Lambda invocation. */
export async function waitForExecution(outputs: StackOutputs, orderId: string, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    sfn ??= new SFNClient({});
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(outputs, orderId) }));
    if (status && status !== 'RUNNING') return status;
    await sleep(150);
  }
  throw new Error(`execution of ${orderId} still running after ${timeoutMs} ms`);
}

/** One order through its whole path: placed, decided if it needs a decision, and ended as expected. */
export async function runOrder(api: ApiClient, outputs: StackOutputs, path: OrderPath, gtin: string): Promise<string> {
  const orderId = await placeOrder(api, path, gtin);
  if (path.signature) await decide(api, orderId, path.signature);
  if (path.expected.status === 'ARCHIVED') await scanWhenReady(outputs, orderId);
  const execution = await waitForExecution(outputs, orderId);
  const { findOrder } = await import('../../../shared/orders/data/order-repository.js');
  const order = await findOrder(orderId);
  const reasons = order?.approvalReasons ?? [];
  if (execution !== 'SUCCEEDED' || order?.status !== path.expected.status || reasons.join() !== path.expected.approvalReasons.join()) {
    throw new Error(
      `${path.label} order ${orderId}: execution ${execution}, order ${order?.status} [${reasons.join()}] ${order?.statusReason ?? ''}; ` +
        `expected ${path.expected.status} [${path.expected.approvalReasons.join()}]`,
    );
  }
  return orderId;
}

/** Waits until no execution of the order workflow is running, so the next measurement starts on a quiet stack. */
export async function waitForIdleWorkflows(outputs: StackOutputs, timeoutMs = 300_000): Promise<void> {
  sfn ??= new SFNClient({});
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: outputs.StateMachineArn, statusFilter: 'RUNNING', maxResults: 1 }));
    if (executions.length === 0) return;
    await sleep(250);
  }
  throw new Error(`order workflows still running after ${timeoutMs} ms`);
}
