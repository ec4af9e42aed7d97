import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BOTO3_VERSION, CRYPTOGRAPHY_VERSION, endpoint, localDir, MINISTACK_VERSION, venvDir } from './settings.js';

export interface RunningEmulator {
  /** True when this process started it, so only then does it stop it. */
  startedHere: boolean;
  stop(): Promise<void>;
}

async function healthy(): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/_ministack/health`, { signal: AbortSignal.timeout(1500) });
    if (response.ok) return true;
    const fallback = await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(1500) });
    return fallback.ok;
  } catch {
    return false;
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

/** Creates the git-ignored virtual environment with the pinned emulator, once. */
export function installEmulator(): string {
  const binary = path.join(venvDir, 'bin', 'ministack');
  const python = path.join(venvDir, 'bin', 'python');
  const installed = existsSync(binary)
    ? spawnSync(python, ['-m', 'pip', 'show', 'ministack'], { encoding: 'utf8' }).stdout.match(/^Version: (.+)$/m)?.[1]
    : undefined;
  if (installed === MINISTACK_VERSION) return binary;
  console.log(`Installing MiniStack ${MINISTACK_VERSION} into ${venvDir} ...`);
  if (!existsSync(python)) run('python3', ['-m', 'venv', venvDir]);
  // boto3 lets the emulator run CDK's Python custom resources; cryptography backs its asymmetric KMS keys.
  run(python, [
    '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
    `ministack==${MINISTACK_VERSION}`, `boto3==${BOTO3_VERSION}`, `cryptography==${CRYPTOGRAPHY_VERSION}`,
  ]);
  return binary;
}

/**
 * Uses whatever already answers on the endpoint (MiniStack or LocalStack
 * started by hand, e.g. in Docker); otherwise starts the pinned MiniStack
 * with its state kept under .local/ so a restart keeps the data.
 */
export async function ensureEmulator(options: { persist?: boolean } = {}): Promise<RunningEmulator> {
  if (await healthy()) return { startedHere: false, stop: async () => {} };
  const binary = installEmulator();
  const stateDir = path.join(localDir, 'emulator');
  const tmpDir = path.join(stateDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  // MiniStack writes its CommonJS worker (_worker.js) under TMPDIR; inside this
  // "type": "module" repository Node would load it as ESM and the worker dies.
  writeFileSync(path.join(tmpDir, 'package.json'), '{ "type": "commonjs" }\n');
  const port = new URL(endpoint).port || '4566';
  const log = openSync(path.join(localDir, 'emulator.log'), 'a');
  const persist = options.persist ?? true;
  const child: ChildProcess = spawn(binary, [], {
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      GATEWAY_PORT: port,
      TMPDIR: tmpDir,
      PERSIST_STATE: persist ? '1' : '0',
      STATE_DIR: path.join(stateDir, 'state'),
      S3_PERSIST: persist ? '1' : '0',
      S3_DATA_DIR: path.join(stateDir, 's3'),
      LAMBDA_EXECUTOR: 'local',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await healthy()) {
      return {
        startedHere: true,
        stop: async () => {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        },
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`MiniStack did not become healthy on ${endpoint}; see .local/emulator.log`);
}

export async function resetEmulator(): Promise<void> {
  const response = await fetch(`${endpoint}/_ministack/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`reset failed: HTTP ${response.status}`);
}
