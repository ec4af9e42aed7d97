import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchDir } from '../support/bench-stack.js';
import type { BenchContext } from '../support/context.js';
import { median, round } from '../support/stats.js';
import { bundleLikeHouseFunction } from './bundle.js';

export interface BundleColdStart {
  function: string;
  /** Minified index.mjs, without its source map. */
  bundleBytes: number;
  /** Median time to import the bundle in a fresh Node process (load, parse, top-level code). */
  importMs: number;
  /** Median wall time of the whole process: Node's own start plus the import. */
  processMs: number;
  /** importMs over the hello-world bundle's importMs. */
  importRatio: number;
}

export interface ColdStartResult {
  nodeVersion: string;
  nodeOptions: string;
  runs: number;
  helloWorld: Omit<BundleColdStart, 'importRatio'>;
  functions: BundleColdStart[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const timer = path.join(here, 'import-timer.mjs');

function timeImport(bundle: string, environment: Record<string, string>): { importMs: number; processMs: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, [timer, pathToFileURL(bundle).href], {
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', ...environment },
    encoding: 'utf8',
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`importing ${bundle} failed: ${child.stderr}`);
  return { importMs: (JSON.parse(child.stdout) as { importMs: number }).importMs, processMs };
}

/**
 * Per function: the minified bundle CDK synthesized (cdk.out) and the time to
 * import it in a fresh Node process with the function's own environment
 * (NODE_OPTIONS included), next to a bundle that only creates one SDK
 * client. Runs are interleaved round-robin so machine noise hits all alike.
 */
export async function runColdStart(ctx: BenchContext): Promise<ColdStartResult> {
  const nodeOptions = ctx.functions[0]?.environment.NODE_OPTIONS ?? '';
  const helloBundle = await bundleLikeHouseFunction(path.join(here, 'hello-world.ts'), path.join(benchDir, 'hello-world'));
  const subjects = [
    { name: 'hello-world', bundle: helloBundle, environment: { NODE_OPTIONS: nodeOptions } },
    ...ctx.functions.map((fn) => ({ name: fn.name, bundle: path.join(fn.assetDir, 'index.mjs'), environment: fn.environment })),
  ];
  const samples = new Map(subjects.map((s) => [s.name, [] as { importMs: number; processMs: number }[]]));
  for (let run = 0; run < ctx.options.coldStartRuns; run++) {
    for (const subject of subjects) samples.get(subject.name)!.push(timeImport(subject.bundle, subject.environment));
  }
  const summary = (subject: (typeof subjects)[number]) => ({
    function: subject.name,
    bundleBytes: statSync(subject.bundle).size,
    importMs: round(median(samples.get(subject.name)!.map((s) => s.importMs)), 1),
    processMs: round(median(samples.get(subject.name)!.map((s) => s.processMs)), 1),
  });
  const [hello, ...functions] = subjects.map(summary);
  return {
    nodeVersion: process.version,
    nodeOptions,
    runs: ctx.options.coldStartRuns,
    helloWorld: hello!,
    functions: functions.map((fn) => ({ ...fn, importRatio: round(fn.importMs / hello!.importMs, 2) })),
  };
}
