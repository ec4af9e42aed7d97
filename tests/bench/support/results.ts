import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ColdStartResult } from '../cold-start/cold-start.js';
import type { CostModelResult } from '../cost/cost-model.js';
import { SERVICES } from '../cost/pricing.js';
import type { IntakeLoadResult } from '../load/intake-load.js';
import type { ThroughputResult } from '../throughput/e2e-throughput.js';
import type { TraceMeasurement } from '../trace/trace-query.js';
import type { BenchOptions } from './options.js';

export interface BenchResults {
  run: {
    mode: BenchOptions['mode'];
    startedAt: string;
    seconds: number;
    commit: string;
    node: string;
    cpus: number;
    emulator: string;
    options: BenchOptions;
  };
  costModel: CostModelResult;
  intakeLoad: IntakeLoadResult;
  throughput: ThroughputResult;
  coldStart: ColdStartResult;
  traceQuery: TraceMeasurement[];
}

const usd = (value: number) => `$${value.toFixed(3)}`;
const pct = (value: number) => `${Math.round(value * 100)}%`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const header = (cells: string[]) => [row(cells), row(cells.map((_, i) => (i === 0 ? '---' : '---:')))];

/** The short Markdown summary committed next to the JSON (the JSON holds every figure). */
export function markdownSummary(results: BenchResults): string {
  const { run, costModel, intakeLoad, throughput, coldStart, traceQuery } = results;
  const lines = [
    `# Bench results: ${run.mode} run`,
    '',
    `${run.startedAt}, commit ${run.commit}, Node ${run.node}, ${run.cpus} CPUs, ${run.emulator}; the run took ${Math.round(run.seconds)} s.`,
    '',
    `## Cost per 1,000 orders (USD, ${costModel.prices.region} list prices taken ${costModel.prices.takenOn}, price table v${costModel.prices.version})`,
    '',
    ...header(['path', 'orders', 'total', ...SERVICES]),
    ...costModel.paths.map((p) =>
      row([
        p.label,
        p.orders,
        `**${usd(p.usdPerThousandOrders.total)}**`,
        ...SERVICES.map((s) => `${usd(p.usdPerThousandOrders.byService[s])} (${pct(p.usdPerThousandOrders.share[s])})`),
      ]),
    ),
    '',
    ...(costModel.dynamodbMeasured
      ? []
      : ['DynamoDB was not measured (the emulator was not started by the bench, so the probe was not in it): its cost is missing above.', '']),
    ...(costModel.nestedStatesFromDefinition.length
      ? [
          `Transitions inside ${costModel.nestedStatesFromDefinition.join(', ')} are counted from the definition along the path each order's timeline records (the emulator's history lists top-level states only).`,
          '',
        ]
      : []),
    '## Counted per order',
    '',
    ...header([
      'path',
      'state transitions',
      'Lambda invocations',
      'Lambda GB-s',
      'DynamoDB RRU',
      'DynamoDB WRU',
      'API requests',
      'S3 PUT',
      'KMS Sign',
      'emails',
    ]),
    ...costModel.paths.map((p) => {
      const u = p.perOrder;
      return row([
        p.label,
        u.stateTransitions,
        u.lambdaRequests,
        (u.lambdaGbSeconds.arm64 + u.lambdaGbSeconds.x86_64).toFixed(3),
        u.readRequestUnits,
        u.writeRequestUnits,
        u.apiRequests,
        u.s3Puts,
        u.kmsRequests,
        u.emails,
      ]);
    }),
    '',
    `## Intake load (${intakeLoad.placeOrder.requests} requests per route at ${intakeLoad.placeOrder.connections} connections, in ${intakeLoad.rounds} alternating rounds)`,
    '',
    ...header(['route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors']),
    ...[intakeLoad.health, intakeLoad.placeOrder].map((r) => row([r.route, r.requestsPerSecond, r.latencyMs.p50, r.latencyMs.p95, r.latencyMs.p99, r.errors])),
    row(['ratio (orders / health)', intakeLoad.ratio.requestsPerSecond, intakeLoad.ratio.p50, '', intakeLoad.ratio.p99, '']),
    '',
    '## End-to-end throughput (auto-approved, to ARCHIVED)',
    '',
    `${throughput.ordersPerMinute} orders/min at ${throughput.concurrency} in flight (${throughput.completed} of ${throughput.orders} archived in ${throughput.seconds} s); per order p50 ${throughput.orderLatencyMs.p50} ms, p95 ${throughput.orderLatencyMs.p95} ms.`,
    '',
    '## Where the CPU went (seconds of CPU; the machine has 2 cores and is shared)',
    '',
    ...header(['phase', 'emulator (Python)', 'Lambda workers', 'bench', 'other processes', 'machine busy']),
    ...[intakeLoad.health, intakeLoad.placeOrder, { route: 'throughput (to ARCHIVED)', cpu: throughput.cpu }].map((r) =>
      row([
        r.route,
        r.cpu?.emulator ?? 'n/a',
        r.cpu?.lambdaWorkers ?? 'n/a',
        r.cpu?.bench ?? 'n/a',
        r.cpu?.otherProcesses ?? 'n/a',
        r.cpu ? pct(r.cpu.machineBusy) : 'n/a',
      ]),
    ),
    '',
    `## Cold start (median of ${coldStart.runs} fresh processes, Node ${coldStart.nodeVersion}, NODE_OPTIONS=${coldStart.nodeOptions || '(none)'})`,
    '',
    ...header(['bundle', 'minified KB', 'import ms', 'x hello-world']),
    row(['hello-world (one SDK client)', Math.round(coldStart.helloWorld.bundleBytes / 1024), coldStart.helloWorld.importMs, '1.00']),
    ...coldStart.functions.map((f) => row([f.function, Math.round(f.bundleBytes / 1024), f.importMs, f.importRatio.toFixed(2)])),
    '',
    '## Lot trace query (shipmentsOf: one Query on the lot partition)',
    '',
    ...header(['shipments of the lot', 'shipments in table', 'returned', 'items read', 'pages', 'RRU', 'median ms']),
    ...traceQuery.map((t) =>
      row([t.shipments, t.shipmentsInTable, t.itemsReturned, t.itemsRead ?? 'n/a', t.pages ?? 'n/a', t.readRequestUnits ?? 'n/a', t.latencyMs.median]),
    ),
    '',
  ];
  return lines.join('\n');
}

export function writeResults(dir: string, results: BenchResults): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${results.run.mode}.json`);
  const markdown = path.join(dir, `${results.run.mode}.md`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdown, markdownSummary(results));
  return { json, markdown };
}
