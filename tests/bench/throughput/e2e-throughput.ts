import type { BenchContext } from '../support/context.js';
import { measureCpu, type CpuSplit } from '../support/cpu.js';
import { orderPaths, placeOrder, scanWhenReady, waitForExecution } from '../support/orders.js';
import { percentile, round } from '../support/stats.js';

export interface ThroughputResult {
  path: 'autoApproved';
  concurrency: number;
  orders: number;
  completed: number;
  failed: number;
  seconds: number;
  ordersPerMinute: number;
  /** From POST to the execution's end, per order, at this concurrency. */
  orderLatencyMs: { p50: number; p95: number; max: number };
  /** Where the CPU went during the timed part. */
  cpu: CpuSplit | null;
}

/**
 * Auto-approved orders to ARCHIVED with a fixed number in flight: each slot
 * posts an order, scans it at the packing station when it is ready to pick,
 * waits for its execution to end, and posts the next. One
 * untimed round at the same concurrency first, so the emulator has a warm
 * worker per function per slot before the clock starts.
 */
export async function runThroughput(ctx: BenchContext): Promise<ThroughputResult> {
  const { throughputOrders: orders, throughputConcurrency: concurrency } = ctx.options;
  const path = orderPaths(ctx.data).find((p) => p.id === 'autoApproved')!;
  const one = async () => {
    const started = Date.now();
    const orderId = await placeOrder(ctx.api, path, ctx.data.gtin);
    // The warehouse scans each order as soon as it is ready: a packing station per slot.
    await scanWhenReady(ctx.outputs, orderId, 300_000);
    const status = await waitForExecution(ctx.outputs, orderId, 300_000);
    return { orderId, status, ms: Date.now() - started };
  };
  await Promise.all(Array.from({ length: concurrency }, one));

  let remaining = orders;
  const outcomes: Awaited<ReturnType<typeof one>>[] = [];
  const started = Date.now();
  const cpu = measureCpu();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining > 0) {
        remaining -= 1;
        outcomes.push(await one());
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const cpuSplit = cpu();
  // Counted as completed only when the order itself says ARCHIVED (checked after the clock stopped).
  const { findOrder } = await import('../../../shared/orders/data/order-repository.js');
  const archived = await Promise.all(outcomes.map(async (o) => o.status === 'SUCCEEDED' && (await findOrder(o.orderId))?.status === 'ARCHIVED'));
  const succeeded = outcomes.filter((_, i) => archived[i]);
  const latencies = succeeded.map((o) => o.ms);
  return {
    path: 'autoApproved',
    concurrency,
    orders,
    completed: succeeded.length,
    failed: outcomes.length - succeeded.length,
    seconds: round(seconds, 1),
    ordersPerMinute: round((succeeded.length / seconds) * 60, 1),
    orderLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) },
    cpu: cpuSplit,
  };
}
