import type { BenchContext } from '../support/context.js';
import { executionArn, orderPaths, runOrder, type OrderPath } from '../support/orders.js';
import { median, round, sum } from '../support/stats.js';
import { apiCallsBetween } from './cloudtrail.js';
import { dynamoDbUsage, probeRecordsBetween } from './dynamodb-units.js';
import { emailsAbout } from './emails.js';
import { functionLogsBetween } from './lambda-reports.js';
import { loadPrices, type PriceTable } from './prices.js';
import { SERVICES, usdPerThousandOrders, type OrderUsage, type Service } from './pricing.js';
import { nestedStatesOf, transitionsOf } from './transitions.js';

export interface PathCost {
  path: OrderPath['id'];
  label: string;
  orders: number;
  /** Wall time from POST to the execution's end, one order at a time (approver acting at once). */
  orderLatencyMs: { median: number; max: number };
  perOrder: OrderUsage & {
    lambdaByFunction: Record<string, { invocations: number; meanBilledMs: number }>;
    stateTransitionRetries: number;
    dynamodbRequests: Record<string, number>;
    dynamodbUnitsByRequest: Record<string, { rru: number; wru: number }>;
    dynamodbIndexWriteUnits: number;
    dynamodbFailedWrites: number;
    awsApiCalls: Record<string, number>;
    logBytes: number;
  };
  usdPerThousandOrders: { total: number; byService: Record<Service, number>; share: Record<Service, number> };
}

export interface CostModelResult {
  prices: PriceTable;
  dynamodbMeasured: boolean;
  nestedStatesNotCounted: string[];
  paths: PathCost[];
}

const per = (total: number, orders: number, digits = 3) => round(total / orders, digits);

async function measurePath(ctx: BenchContext, path: OrderPath, prices: PriceTable): Promise<PathCost> {
  const orders = ctx.options.costOrdersPerPath;
  const from = Date.now();
  const orderIds: string[] = [];
  const latencies: number[] = [];
  // One at a time: the billed durations are then not inflated by the bench's own concurrency.
  for (let i = 0; i < orders; i++) {
    const started = Date.now();
    orderIds.push(await runOrder(ctx.api, ctx.outputs, path, ctx.data.gtin));
    latencies.push(Date.now() - started);
  }
  const to = Date.now();

  const logs = await functionLogsBetween(ctx.functions, from, to);
  const archOf = new Map(ctx.functions.map((fn) => [fn.name, fn.architecture]));
  const apiFunctions = new Set(ctx.functions.filter((fn) => fn.apiRoute).map((fn) => fn.name));
  const gbSeconds = { arm64: 0, x86_64: 0 };
  const byFunction: Record<string, { invocations: number; billedMs: number }> = {};
  for (const invocation of logs.invocations) {
    gbSeconds[archOf.get(invocation.function) ?? 'arm64'] += (invocation.billedMs / 1000) * (invocation.memoryMb / 1024);
    const entry = (byFunction[invocation.function] ??= { invocations: 0, billedMs: 0 });
    entry.invocations += 1;
    entry.billedMs += invocation.billedMs;
  }
  const transitions = await Promise.all(orderIds.map((orderId) => transitionsOf(executionArn(ctx.outputs, orderId))));
  const ddb = ctx.ddbProbeLog ? dynamoDbUsage(probeRecordsBetween(ctx.ddbProbeLog, from, to), ctx.benchAccessKey) : undefined;
  const calls = await apiCallsBetween(from, to, ctx.benchAccessKey);
  const emails = await emailsAbout(orderIds);
  const count = (...keys: string[]) => sum(keys.map((key) => calls[key] ?? 0));

  const usage: OrderUsage = {
    lambdaRequests: per(logs.invocations.length, orders),
    lambdaGbSeconds: { arm64: per(gbSeconds.arm64, orders, 5), x86_64: per(gbSeconds.x86_64, orders, 5) },
    stateTransitions: per(sum(transitions.map((t) => t.transitions)), orders),
    readRequestUnits: per(ddb?.readRequestUnits ?? 0, orders),
    writeRequestUnits: per(ddb?.writeRequestUnits ?? 0, orders),
    apiRequests: per(logs.invocations.filter((invocation) => apiFunctions.has(invocation.function)).length, orders),
    s3Puts: per(count('s3:PutObject'), orders),
    s3Gets: per(count('s3:GetObject'), orders),
    kmsRequests: per(count('kms:Sign', 'kms:Verify', 'kms:GetPublicKey'), orders),
    emails: per(emails, orders),
  };
  const byService = usdPerThousandOrders(usage, prices);
  const total = sum(Object.values(byService));
  return {
    path: path.id,
    label: path.label,
    orders,
    orderLatencyMs: { median: median(latencies), max: Math.max(...latencies) },
    perOrder: {
      ...usage,
      lambdaByFunction: Object.fromEntries(
        Object.entries(byFunction).map(([name, f]) => [name, { invocations: per(f.invocations, orders), meanBilledMs: round(f.billedMs / f.invocations, 1) }]),
      ),
      stateTransitionRetries: per(sum(transitions.map((t) => t.retries)), orders),
      dynamodbRequests: Object.fromEntries(Object.entries(ddb?.requests ?? {}).map(([action, n]) => [action, per(n, orders)])),
      dynamodbUnitsByRequest: Object.fromEntries(
        Object.entries(ddb?.unitsByRequest ?? {}).map(([action, u]) => [action, { rru: per(u.rru, orders), wru: per(u.wru, orders) }]),
      ),
      dynamodbIndexWriteUnits: per(ddb?.indexWriteRequestUnits ?? 0, orders),
      dynamodbFailedWrites: per(ddb?.failedWrites ?? 0, orders),
      awsApiCalls: Object.fromEntries(Object.entries(calls).map(([call, n]) => [call, per(n, orders)])),
      logBytes: Math.round(logs.logBytes / orders),
    },
    usdPerThousandOrders: {
      total: round(total, 4),
      byService: Object.fromEntries(SERVICES.map((s) => [s, round(byService[s], 4)])) as Record<Service, number>,
      share: Object.fromEntries(SERVICES.map((s) => [s, round(total > 0 ? byService[s] / total : 0, 3)])) as Record<Service, number>,
    },
  };
}

/**
 * Cost per 1,000 orders for each path: every path is warmed by one order,
 * then N orders run one after another in their own time window, and every
 * figure is read back from what the emulator recorded in that window.
 */
export async function runCostModel(ctx: BenchContext): Promise<CostModelResult> {
  const prices = loadPrices();
  const paths = orderPaths(ctx.data);
  for (const path of paths) await runOrder(ctx.api, ctx.outputs, path, ctx.data.gtin);
  const results: PathCost[] = [];
  for (const path of paths) {
    const result = await measurePath(ctx, path, prices);
    console.log(`  ${path.label}: $${result.usdPerThousandOrders.total.toFixed(3)} per 1,000 orders`);
    results.push(result);
  }
  return {
    prices,
    dynamodbMeasured: ctx.ddbProbeLog !== null,
    nestedStatesNotCounted: await nestedStatesOf(ctx.outputs.StateMachineArn),
    paths: results,
  };
}
