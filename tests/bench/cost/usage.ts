import type { BenchContext } from '../support/context.js';
import { executionArn } from '../support/orders.js';
import { round, sum } from '../support/stats.js';
import { apiCallsBetween } from './cloudtrail.js';
import { dynamoDbUsage, probeRecordsBetween } from './dynamodb-units.js';
import { emailsAbout } from './emails.js';
import { functionLogsBetween } from './lambda-reports.js';
import type { OrderUsage } from './pricing.js';
import { nestedTransitionsOf, transitionsOf } from './transitions.js';

/** What a path's orders used, per order, with the detail behind each billable figure. */
export type UsagePerOrder = OrderUsage & {
  lambdaByFunction: Record<string, { invocations: number; meanBilledMs: number }>;
  stateTransitionRetries: number;
  /** Of the transitions, those inside Map iterations (counted from the definition along the recorded path). */
  nestedStateTransitions: number;
  dynamodbRequests: Record<string, number>;
  dynamodbUnitsByRequest: Record<string, { rru: number; wru: number }>;
  dynamodbIndexWriteUnits: number;
  dynamodbFailedWrites: number;
  /** Every AWS API call the functions made, from MiniStack's CloudTrail record. */
  awsApiCalls: Record<string, number>;
  /** CloudWatch Logs volume the functions wrote (not priced). */
  logBytes: number;
};

/**
 * Reads back, for the orders run in [fromMs, toMs] and nothing else running,
 * what the emulator recorded: Lambda REPORT lines, execution histories, the
 * DynamoDB probe, CloudTrail, and the SES outbox. Divided by the number of
 * orders.
 */
export async function usagePerOrder(ctx: BenchContext, orderIds: string[], fromMs: number, toMs: number): Promise<UsagePerOrder> {
  const orders = orderIds.length;
  const per = (total: number, digits = 3) => round(total / orders, digits);

  const logs = await functionLogsBetween(ctx.functions, fromMs, toMs);
  const archOf = new Map(ctx.functions.map((fn) => [fn.name, fn.architecture]));
  const apiFunctions = new Set(ctx.functions.filter((fn) => fn.apiRoute).map((fn) => fn.name));
  const gbSeconds = { arm64: 0, x86_64: 0 };
  const byFunction: Record<string, { invocations: number; billedMs: number }> = {};
  for (const invocation of logs.invocations) {
    gbSeconds[archOf.get(invocation.function) ?? 'arm64'] += (invocation.billedMs / 1000) * (invocation.memoryMb / 1024);
    const entry = byFunction[invocation.function] ?? { invocations: 0, billedMs: 0 };
    byFunction[invocation.function] = entry;
    entry.invocations += 1;
    entry.billedMs += invocation.billedMs;
  }
  const nested = await Promise.all(orderIds.map((orderId) => nestedTransitionsOf(orderId)));
  const transitions = await Promise.all(orderIds.map((orderId, i) => transitionsOf(executionArn(ctx.outputs, orderId), nested[i]!.tasks)));
  const ddb = ctx.ddbProbeLog ? dynamoDbUsage(probeRecordsBetween(ctx.ddbProbeLog, fromMs, toMs), ctx.benchAccessKey) : undefined;
  const calls = await apiCallsBetween(fromMs, toMs, ctx.benchAccessKey);
  const count = (...keys: string[]) => sum(keys.map((key) => calls[key] ?? 0));

  return {
    lambdaRequests: per(logs.invocations.length),
    lambdaGbSeconds: { arm64: per(gbSeconds.arm64, 5), x86_64: per(gbSeconds.x86_64, 5) },
    stateTransitions: per(sum(transitions.map((t) => t.transitions)) + sum(nested.map((n) => n.transitions))),
    nestedStateTransitions: per(sum(nested.map((n) => n.transitions))),
    readRequestUnits: per(ddb?.readRequestUnits ?? 0),
    writeRequestUnits: per(ddb?.writeRequestUnits ?? 0),
    apiRequests: per(logs.invocations.filter((invocation) => apiFunctions.has(invocation.function)).length),
    s3Puts: per(count('s3:PutObject')),
    s3Gets: per(count('s3:GetObject')),
    kmsRequests: per(count('kms:Sign', 'kms:Verify', 'kms:GetPublicKey')),
    // MiniStack's CloudTrail does not see SES v2 calls; its outbox is the record.
    emails: per(await emailsAbout(orderIds)),
    lambdaByFunction: Object.fromEntries(
      Object.entries(byFunction).map(([name, f]) => [name, { invocations: per(f.invocations), meanBilledMs: round(f.billedMs / f.invocations, 1) }]),
    ),
    stateTransitionRetries: per(sum(transitions.map((t) => t.retries))),
    dynamodbRequests: Object.fromEntries(Object.entries(ddb?.requests ?? {}).map(([action, n]) => [action, per(n)])),
    dynamodbUnitsByRequest: Object.fromEntries(Object.entries(ddb?.unitsByRequest ?? {}).map(([action, u]) => [action, { rru: per(u.rru), wru: per(u.wru) }])),
    dynamodbIndexWriteUnits: per(ddb?.indexWriteRequestUnits ?? 0),
    dynamodbFailedWrites: per(ddb?.failedWrites ?? 0),
    awsApiCalls: Object.fromEntries(Object.entries(calls).map(([call, n]) => [call, per(n)])),
    logBytes: Math.round(logs.logBytes / orders),
  };
}
