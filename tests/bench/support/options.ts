/**
 * How much work each benchmark does. Full must finish in under 10 minutes
 * and quick in under 2 on a 2-core machine, deploy (about 45 s) included;
 * the sizes below come from measured run times. Quick is a smoke run of
 * every benchmark: its counts are exact, its timings are too few to quote.
 */
export interface BenchOptions {
  mode: 'full' | 'quick';
  /** Orders per path in the cost model, run one at a time after one warm-up order per path. */
  costOrdersPerPath: number;
  /** Intake load: requests per route, at this many connections, after this many warm-up requests, in rounds taken in turn. */
  loadRequests: number;
  loadConnections: number;
  loadWarmupRequests: number;
  loadRounds: number;
  /** End-to-end throughput: auto-approved orders kept in flight, and how many to complete. */
  throughputOrders: number;
  throughputConcurrency: number;
  /** Fresh Node processes per bundle in the cold-start benchmark (the median is reported). */
  coldStartRuns: number;
  /** Shipments per lot in the trace-query benchmark. */
  traceShipments: number[];
}

// Each concurrent Lambda invocation is its own Node process on this 2-core
// machine: 20 is the ceiling the emulator notes recommend for load tests.
const CONNECTIONS = 20;

export const FULL: BenchOptions = {
  mode: 'full',
  costOrdersPerPath: 8,
  loadRequests: 400,
  loadConnections: CONNECTIONS,
  loadWarmupRequests: 40,
  loadRounds: 4,
  throughputOrders: 60,
  throughputConcurrency: 8,
  coldStartRuns: 9,
  traceShipments: [100, 1_000, 10_000],
};

export const QUICK: BenchOptions = {
  mode: 'quick',
  costOrdersPerPath: 1,
  loadRequests: 20,
  loadConnections: CONNECTIONS,
  loadWarmupRequests: 20,
  loadRounds: 1,
  throughputOrders: 8,
  throughputConcurrency: 4,
  coldStartRuns: 2,
  // 4,000 shipments are still more than one 1 MB page.
  traceShipments: [100, 1_000, 4_000],
};

export function optionsFrom(argv: readonly string[]): BenchOptions {
  const unknown = argv.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) throw new Error(`unknown arguments: ${unknown.join(' ')} (only --quick is understood)`);
  return argv.includes('--quick') ? QUICK : FULL;
}
