import { execSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MINISTACK_VERSION } from '../../infra/local/settings.js';
import { portalApi } from '../support/stack.js';
import { runColdStart } from './cold-start/cold-start.js';
import { runCostModel } from './cost/cost-model.js';
import { runIntakeLoad } from './load/intake-load.js';
import { seedBenchData } from './support/bench-data.js';
import { startBenchStack } from './support/bench-stack.js';
import type { BenchContext } from './support/context.js';
import { functionInventory } from './support/functions.js';
import { optionsFrom } from './support/options.js';
import { writeResults, type BenchResults } from './support/results.js';
import { runThroughput } from './throughput/e2e-throughput.js';
import { runTraceQuery } from './trace/trace-query.js';

/**
 * `npm run bench [-- --quick]`: deploys the stack once to a throw-away
 * emulator and runs every benchmark against it, then writes
 * tests/bench/results/<mode>.json and .md. Phases that leave work running
 * behind them (the intake load starts hundreds of workflows) come last.
 */
const options = optionsFrom(process.argv.slice(2));
const startedAt = new Date();
const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  console.log(`${name} ...`);
  const result = await run();
  console.log(`${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return result;
};

const stack = await startBenchStack();
let exitCode = 1;
try {
  process.env.TABLE_NAME = stack.outputs.TableName;
  const ctx: BenchContext = {
    options,
    outputs: stack.outputs,
    api: await portalApi(stack.outputs),
    data: await seedBenchData(),
    functions: await functionInventory(),
    ddbProbeLog: stack.ddbProbeLog,
    benchAccessKey: process.env.AWS_ACCESS_KEY_ID ?? 'test',
  };
  const coldStart = await phase('Cold start', () => runColdStart(ctx));
  const traceQuery = await phase('Trace query', () => runTraceQuery(ctx));
  const costModel = await phase('Cost model', () => runCostModel(ctx));
  const throughput = await phase('End-to-end throughput', () => runThroughput(ctx));
  const intakeLoad = await phase('Intake load', () => runIntakeLoad(ctx));
  const results: BenchResults = {
    run: {
      mode: options.mode,
      startedAt: startedAt.toISOString(),
      seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      commit: execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(),
      node: process.version,
      cpus: availableParallelism(),
      emulator: `MiniStack ${MINISTACK_VERSION}`,
      options,
    },
    costModel,
    intakeLoad,
    throughput,
    coldStart,
    traceQuery,
  };
  const written = writeResults(path.join(path.dirname(fileURLToPath(import.meta.url)), 'results'), results);
  console.log(`Wrote ${written.json} and ${written.markdown} (${results.run.seconds} s)`);
  exitCode = 0;
} finally {
  await stack.emulator.stop();
}
process.exit(exitCode);
