import autocannon from 'autocannon';
import { channelToken, channelCredentials } from '../../../infra/local/channel-client.js';
import { TEST_PARTNER_OF } from '../../../infra/local/demo-data.js';
import { newOrder } from '../../support/stack.js';
import type { BenchContext } from '../support/context.js';
import { waitForIdleWorkflows } from '../support/orders.js';
import { combineCpu, measureCpu, type CpuSplit } from '../support/cpu.js';
import { percentile, round, sum } from '../support/stats.js';

export interface RouteLoad {
  route: string;
  requests: number;
  connections: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Connection errors and timeouts plus answers other than the expected status. */
  errors: number;
  statusCodes: Record<string, number>;
  /** Where the CPU went while this route was loaded. */
  cpu: CpuSplit | null;
}

export interface IntakeLoadResult {
  /** The routes were loaded alternately, this many rounds each, so both saw the same machine. */
  rounds: number;
  health: RouteLoad;
  placeOrder: RouteLoad;
  /** placeOrder over health: requests per second, and latency p50 and p99. */
  ratio: { requestsPerSecond: number; p50: number; p99: number };
}

interface Route {
  route: string;
  url: string;
  method: 'GET' | 'POST';
  expected: number;
  request?: () => { headers: Record<string, string>; body: string };
}

interface Round {
  latencies: number[];
  /** From the first request sent to the last answer received (autocannon's own start-up left out). */
  seconds: number;
  errors: number;
  statusCodes: Record<string, number>;
  cpu: CpuSplit | null;
}

/** One autocannon run of `amount` requests at `connections`; every response's own latency is kept (no sampled histogram). */
async function loadRound(route: Route, amount: number, connections: number): Promise<Round> {
  const latencies: number[] = [];
  let unexpected = 0;
  let firstSent = Number.POSITIVE_INFINITY;
  let lastAnswered = 0;
  const cpu = measureCpu();
  const instance = autocannon({
    url: route.url,
    method: route.method,
    connections,
    amount,
    timeout: 30,
    requests: route.request ? [{ setupRequest: (request) => ({ ...request, ...route.request!() }) }] : undefined,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    const now = performance.now();
    firstSent = Math.min(firstSent, now - responseTime);
    lastAnswered = now;
    latencies.push(responseTime);
    if (statusCode !== route.expected) unexpected += 1;
  });
  const result = await instance;
  return {
    latencies,
    seconds: (lastAnswered - firstSent) / 1000,
    errors: result.errors + unexpected,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
    cpu: cpu(),
  };
}

function summarize(route: Route, connections: number, rounds: Round[]): RouteLoad {
  const latencies = rounds.flatMap((r) => r.latencies);
  const statusCodes: Record<string, number> = {};
  for (const [code, count] of rounds.flatMap((r) => Object.entries(r.statusCodes))) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    route: route.route,
    requests: latencies.length,
    connections,
    requestsPerSecond: round(latencies.length / sum(rounds.map((r) => r.seconds)), 1),
    latencyMs: {
      p50: round(percentile(latencies, 50), 1),
      p95: round(percentile(latencies, 95), 1),
      p99: round(percentile(latencies, 99), 1),
      max: round(Math.max(...latencies), 1),
    },
    errors: sum(rounds.map((r) => r.errors)),
    statusCodes,
    cpu: combineCpu(rounds.map((r) => r.cpu)),
  };
}

/**
 * Intake under load: a fixed number of POST /v1/orders at fixed concurrency,
 * next to GET /health on the same stack in the same run, each after a
 * warm-up at the same concurrency (one warm worker per connection). The
 * routes take turns in rounds, so other work on a shared machine weighs on
 * both alike and their ratio stays meaningful. Every order is new (own
 * Idempotency-Key and PO) and comes from the blocked bench customer, so the
 * workflows the posts start end after two short steps. On the emulator that
 * background work competes with the posts of its round for the same cores
 * (on AWS it would run in execution environments of its own); it is drained
 * before every health round so health is timed on a quiet stack.
 */
export async function runIntakeLoad(ctx: BenchContext): Promise<IntakeLoadResult> {
  const { loadRequests, loadConnections, loadWarmupRequests, loadRounds } = ctx.options;
  const token = await channelToken(await channelCredentials(ctx.outputs, 'portal', TEST_PARTNER_OF.portal));
  let sequence = 0;
  const health: Route = { route: 'GET /health', url: `${ctx.api.base}/health`, method: 'GET', expected: 200 };
  const placeOrder: Route = {
    route: 'POST /v1/orders',
    url: `${ctx.api.base}/v1/orders`,
    method: 'POST',
    expected: 202,
    request: () => {
      sequence += 1;
      // A customer no price list serves: intake checks and accepts the order (an unknown GTIN would now be
      // refused at intake), and each workflow ends at Price, so the load measures intake, not fulfilment.
      const order = newOrder({ customerId: ctx.data.customers.unpriced, lines: [{ gtin: ctx.data.gtin, quantity: 1 }] });
      return {
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-load-${Date.now()}-${sequence}`,
        },
        body: JSON.stringify({ ...order, customerPo: `LOAD-${Date.now()}-${sequence}` }),
      };
    },
  };
  await loadRound(health, loadWarmupRequests, loadConnections);
  await loadRound(placeOrder, loadWarmupRequests, loadConnections);
  const perRound = Math.ceil(loadRequests / loadRounds);
  const healthRounds: Round[] = [];
  const orderRounds: Round[] = [];
  for (let i = 0; i < loadRounds; i++) {
    // The workflows a round of posts started run on after it: let them end before health is timed.
    await waitForIdleWorkflows(ctx.outputs);
    healthRounds.push(await loadRound(health, perRound, loadConnections));
    orderRounds.push(await loadRound(placeOrder, perRound, loadConnections));
  }
  const healthResult = summarize(health, loadConnections, healthRounds);
  const orderResult = summarize(placeOrder, loadConnections, orderRounds);
  for (const r of [healthResult, orderResult]) console.log(`  ${r.route}: ${r.requestsPerSecond} req/s, p50 ${r.latencyMs.p50} ms`);
  return {
    rounds: loadRounds,
    health: healthResult,
    placeOrder: orderResult,
    ratio: {
      requestsPerSecond: round(orderResult.requestsPerSecond / healthResult.requestsPerSecond, 3),
      p50: round(orderResult.latencyMs.p50 / healthResult.latencyMs.p50, 1),
      p99: round(orderResult.latencyMs.p99 / healthResult.latencyMs.p99, 1),
    },
  };
}
