import autocannon from 'autocannon';
import { channelToken, portalCredentials } from '../../../infra/local/portal-client.js';
import { newOrder } from '../../support/stack.js';
import type { BenchContext } from '../support/context.js';
import { percentile, round } from '../support/stats.js';

export interface RouteLoad {
  route: string;
  requests: number;
  connections: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Connection errors and timeouts plus answers other than the expected status. */
  errors: number;
  statusCodes: Record<string, number>;
}

export interface IntakeLoadResult {
  health: RouteLoad;
  placeOrder: RouteLoad;
  /** placeOrder over health, for latency p50/p99 and for requests per second. */
  ratio: { p50: number; p99: number; requestsPerSecond: number };
}

interface Route {
  route: string;
  url: string;
  method: 'GET' | 'POST';
  expected: number;
  request?: () => { headers: Record<string, string>; body: string };
}

/** One autocannon run of `amount` requests at `connections`; latencies are every response's own, not a sampled histogram. */
async function load(route: Route, amount: number, connections: number): Promise<RouteLoad> {
  const latencies: number[] = [];
  let unexpected = 0;
  const started = performance.now();
  const instance = autocannon({
    url: route.url,
    method: route.method,
    connections,
    amount,
    timeout: 30,
    requests: route.request ? [{ setupRequest: (request) => ({ ...request, ...route.request!() }) }] : undefined,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode !== route.expected) unexpected += 1;
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  return {
    route: route.route,
    requests: latencies.length,
    connections,
    requestsPerSecond: round(latencies.length / seconds, 1),
    latencyMs: {
      p50: round(percentile(latencies, 50), 1),
      p95: round(percentile(latencies, 95), 1),
      p99: round(percentile(latencies, 99), 1),
      max: round(Math.max(...latencies), 1),
    },
    errors: result.errors + unexpected,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
  };
}

/**
 * Intake under load: a fixed number of POST /v1/orders at fixed concurrency,
 * next to GET /health on the same stack in the same run, each after a warm-up.
 * Every order is new (own Idempotency-Key and PO) and comes from the blocked
 * bench customer, so the workflows the posts start end after two short steps
 * and load the machine as little as an order can while intake is measured.
 */
export async function runIntakeLoad(ctx: BenchContext): Promise<IntakeLoadResult> {
  const { loadRequests, loadConnections, loadWarmupRequests } = ctx.options;
  const token = await channelToken(await portalCredentials(ctx.outputs));
  let sequence = 0;
  const health: Route = { route: 'GET /health', url: `${ctx.api.base}/health`, method: 'GET', expected: 200 };
  const placeOrder: Route = {
    route: 'POST /v1/orders',
    url: `${ctx.api.base}/v1/orders`,
    method: 'POST',
    expected: 202,
    request: () => {
      sequence += 1;
      const order = newOrder({ customerId: ctx.data.customers.blocked, lines: [{ gtin: ctx.data.gtin, quantity: 1 }] });
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
  await load(health, loadWarmupRequests, loadConnections);
  const healthResult = await load(health, loadRequests, loadConnections);
  console.log(`  GET /health: ${healthResult.requestsPerSecond} req/s, p50 ${healthResult.latencyMs.p50} ms`);
  await load(placeOrder, loadWarmupRequests, loadConnections);
  const orderResult = await load(placeOrder, loadRequests, loadConnections);
  console.log(`  POST /v1/orders: ${orderResult.requestsPerSecond} req/s, p50 ${orderResult.latencyMs.p50} ms`);
  return {
    health: healthResult,
    placeOrder: orderResult,
    ratio: {
      p50: round(orderResult.latencyMs.p50 / healthResult.latencyMs.p50, 2),
      p99: round(orderResult.latencyMs.p99 / healthResult.latencyMs.p99, 2),
      requestsPerSecond: round(orderResult.requestsPerSecond / healthResult.requestsPerSecond, 2),
    },
  };
}
