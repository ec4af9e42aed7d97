import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { deployLocal, type StackOutputs } from '../../../infra/local/deploy.js';
import { ensureEmulator, type RunningEmulator } from '../../../infra/local/emulator.js';
import { seedDemoData } from '../../../infra/local/seed.js';
import { endpoint, localDir, repoRoot, useLocalAws } from '../../../infra/local/settings.js';

export interface BenchStack {
  outputs: StackOutputs;
  emulator: RunningEmulator;
  /** JSON lines written by the DynamoDB probe, or null when the emulator was not started here (no probe in it). */
  ddbProbeLog: string | null;
}

export const benchDir = path.join(localDir, 'bench');
const probeDir = path.join(repoRoot, 'tests', 'bench', 'probe');

/** Runs `start` with extra variables in process.env, which ensureEmulator hands to MiniStack. */
async function withEnv<T>(extra: Record<string, string>, start: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(extra).map((key) => [key, process.env[key]]));
  Object.assign(process.env, extra);
  try {
    return await start();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

async function enableCloudTrailRecording(): Promise<void> {
  const response = await fetch(`${endpoint}/_ministack/config`, {
    method: 'POST',
    body: JSON.stringify({ 'cloudtrail._recording_enabled': 'true' }),
  });
  if (!response.ok) throw new Error(`could not enable CloudTrail recording: HTTP ${response.status}`);
}

/**
 * Starts a throw-away emulator (unless one already answers) with two
 * bench-only recorders: MiniStack's own CloudTrail recording, and the
 * DynamoDB size probe (tests/bench/probe), which Python loads from
 * PYTHONPATH. Then deploys the stack once and seeds the demo data.
 */
export async function startBenchStack(): Promise<BenchStack> {
  useLocalAws();
  mkdirSync(benchDir, { recursive: true });
  const probeLog = path.join(benchDir, 'ddb-probe.jsonl');
  rmSync(probeLog, { force: true });
  const emulator = await withEnv(
    {
      PYTHONPATH: [probeDir, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter),
      BENCH_DDB_PROBE_LOG: probeLog,
      CLOUDTRAIL_RECORDING: '1',
      // The bench's own polling is recorded too; keep far more than one phase's events.
      CLOUDTRAIL_MAX_EVENTS: '500000',
    },
    () => ensureEmulator({ persist: false }),
  );
  try {
    const probed = emulator.startedHere && existsSync(probeLog) && readFileSync(probeLog, 'utf8').includes('_probe_installed');
    if (emulator.startedHere && !probed) throw new Error(`the DynamoDB probe did not load into MiniStack (see ${probeLog})`);
    if (!probed) console.warn(`Using an emulator already running on ${endpoint}: DynamoDB request units cannot be measured.`);
    await enableCloudTrailRecording();
    const started = Date.now();
    const outputs = await deployLocal();
    await seedDemoData(outputs);
    console.log(`Deployed and seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return { outputs, emulator, ddbProbeLog: probed ? probeLog : null };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
