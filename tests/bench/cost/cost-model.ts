import type { BenchContext } from '../support/context.js';
import { orderPaths, runOrder, type OrderPath } from '../support/orders.js';
import { median, round, sum } from '../support/stats.js';
import { loadPrices, type PriceTable } from './prices.js';
import { SERVICES, usdPerThousandOrders, type Service } from './pricing.js';
import { nestedStatesOf } from './transitions.js';
import { usagePerOrder, type UsagePerOrder } from './usage.js';

export interface PathCost {
  path: OrderPath['id'];
  label: string;
  orders: number;
  /** Wall time from POST to the execution's end, one order at a time (the approver acting at once). */
  orderLatencyMs: { median: number; max: number };
  perOrder: UsagePerOrder;
  usdPerThousandOrders: { total: number; byService: Record<Service, number>; share: Record<Service, number> };
}

export interface CostModelResult {
  prices: PriceTable;
  dynamodbMeasured: boolean;
  /** Map/Parallel states whose inner transitions are counted from the definition along the recorded path. */
  nestedStatesFromDefinition: string[];
  paths: PathCost[];
}

async function measurePath(ctx: BenchContext, path: OrderPath, prices: PriceTable): Promise<PathCost> {
  const from = Date.now();
  const orderIds: string[] = [];
  const latencies: number[] = [];
  // One at a time: billed durations are then not inflated by the bench's own concurrency.
  for (let i = 0; i < ctx.options.costOrdersPerPath; i++) {
    const started = Date.now();
    orderIds.push(await runOrder(ctx.api, ctx.outputs, path, ctx.data.gtin));
    latencies.push(Date.now() - started);
  }
  const perOrder = await usagePerOrder(ctx, orderIds, from, Date.now());
  const byService = usdPerThousandOrders(perOrder, prices);
  const total = sum(Object.values(byService));
  return {
    path: path.id,
    label: path.label,
    orders: orderIds.length,
    orderLatencyMs: { median: median(latencies), max: Math.max(...latencies) },
    perOrder,
    usdPerThousandOrders: {
      total: round(total, 4),
      byService: Object.fromEntries(SERVICES.map((s) => [s, round(byService[s], 4)])) as Record<Service, number>,
      share: Object.fromEntries(SERVICES.map((s) => [s, round(total > 0 ? byService[s] / total : 0, 3)])) as Record<Service, number>,
    },
  };
}

/**
 * Cost per 1,000 orders for each path: every path is warmed by one order,
 * then N orders run one after another in a time window of their own, and
 * every figure is read back from what the emulator recorded in that window.
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
    nestedStatesFromDefinition: await nestedStatesOf(ctx.outputs.StateMachineArn),
    paths: results,
  };
}
