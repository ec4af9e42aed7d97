import { totalmem } from 'node:os';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  emulatorPaths,
  isMiniStackProcess,
  moveAside,
  planStart,
  readEmulatorDisk,
  readSession,
  recordStop,
  saveWritten,
  writeSession,
  type Recovery,
  type StartPlan,
} from './local-state.js';
import { BOTO3_VERSION, CRYPTOGRAPHY_VERSION, endpoint, localDir, MINISTACK_VERSION, SCHEMATHESIS_VERSION, venvDir } from './settings.js';
import { pathWithPinnedNode } from './pinned-node.js';

export interface RunningEmulator {
  /** True when this process started it (or took over one an earlier npm start left running), so only then does it stop it. */
  startedHere: boolean;
  /** How it came up: used by npm start's summary. */
  origin: 'external' | 'adopted' | 'started';
  /** With persistence: what was on disk and what was done about it. */
  plan?: StartPlan;
  recovery?: Recovery;
  /** Settles when an emulator this process started exits without being asked to (killed, crashed). */
  unexpectedExit: Promise<string>;
  stop(): Promise<StopResult>;
}

export interface StopResult {
  /** Whether MiniStack saved its state (only checked with persistence). */
  saved: boolean;
  seconds: number;
}

/** How long a clean stop may take before the process is killed; the save itself takes well under a second on this project's data. */
const STOP_TIMEOUT_MS = 60_000;

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
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `ministack==${MINISTACK_VERSION}`,
    `boto3==${BOTO3_VERSION}`,
    `cryptography==${CRYPTOGRAPHY_VERSION}`,
  ]);
  return binary;
}

/**
 * Installs the pinned schemathesis (the OpenAPI fuzzer of tests/e2e/api-fuzz.test.ts) into the same git-ignored
 * virtual environment, once; returns its command.
 */
export function installFuzzer(): string {
  const binary = path.join(venvDir, 'bin', 'schemathesis');
  const python = path.join(venvDir, 'bin', 'python');
  const installed = existsSync(binary)
    ? spawnSync(python, ['-m', 'pip', 'show', 'schemathesis'], { encoding: 'utf8' }).stdout.match(/^Version: (.+)$/m)?.[1]
    : undefined;
  if (installed === SCHEMATHESIS_VERSION) return binary;
  console.log(`Installing schemathesis ${SCHEMATHESIS_VERSION} into ${venvDir} ...`);
  if (!existsSync(python)) run('python3', ['-m', 'venv', venvDir]);
  run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`]);
  return binary;
}

const never = new Promise<string>(() => {});

/**
 * Stops a persisting MiniStack and waits for its save: SIGTERM makes it save
 * every service's state (in well under a second here) and stop listening.
 * MiniStack 1.5.33 then often lingers (measured: over a minute after real use;
 * background threads), so once the save is written and it no longer answers,
 * the process is killed: nothing is left to lose. Records the clean stop.
 */
export async function stopPersistingEmulator(pid: number, hasExited: () => boolean = () => !isMiniStackProcess(pid)): Promise<StopResult> {
  const paths = emulatorPaths(localDir);
  const started = Date.now();
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return { saved: false, seconds: 0 };
  }
  let finished = false;
  while (Date.now() - started < STOP_TIMEOUT_MS) {
    if (hasExited()) {
      finished = true;
      break;
    }
    if (saveWritten(paths, started) && !(await healthy())) {
      finished = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!hasExited()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
  return { saved: recordStop(paths, started, finished), seconds: (Date.now() - started) / 1000 };
}

/**
 * Uses whatever already answers on the endpoint (MiniStack or LocalStack
 * started by hand, e.g. in Docker; or the MiniStack an earlier npm start left
 * running, which it then takes over); otherwise starts the pinned MiniStack.
 *
 * With persistence (npm start) its state lives under .local/emulator and is
 * first checked for the mismatch an unclean stop leaves (see local-state.ts):
 * S3 data the saved state does not know is moved aside. The emulator runs in
 * its own process group, so a Ctrl-C or a closed terminal reaches only this
 * process, which then stops it cleanly (MiniStack saves on SIGTERM/SIGINT,
 * but a SIGHUP would end it without saving).
 */
export async function ensureEmulator(options: { persist?: boolean } = {}): Promise<RunningEmulator> {
  const persist = options.persist ?? true;
  const port = new URL(endpoint).port || '4566';
  const paths = emulatorPaths(localDir);
  if (await healthy()) {
    const session = persist ? readSession(paths) : undefined;
    if (session && session.port === port && isMiniStackProcess(session.pid)) {
      let stopping = false;
      // Not our child, so no exit event: look every few seconds.
      const unexpectedExit = new Promise<string>((resolve) => {
        const timer = setInterval(() => {
          if (stopping) clearInterval(timer);
          else if (!isMiniStackProcess(session.pid)) {
            clearInterval(timer);
            resolve(`MiniStack (pid ${session.pid}) is gone`);
          }
        }, 2000);
        timer.unref();
      });
      return {
        startedHere: true,
        origin: 'adopted',
        unexpectedExit,
        stop: () => {
          stopping = true;
          return stopPersistingEmulator(session.pid);
        },
      };
    }
    return { startedHere: false, origin: 'external', unexpectedExit: never, stop: async () => ({ saved: false, seconds: 0 }) };
  }
  const binary = installEmulator();
  const tmpDir = path.join(paths.root, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  // MiniStack writes its CommonJS worker (_worker.js) under TMPDIR; inside this
  // "type": "module" repository Node would load it as ESM and the worker dies.
  writeFileSync(path.join(tmpDir, 'package.json'), '{ "type": "commonjs" }\n');

  let plan: StartPlan | undefined;
  let recovery: Recovery | undefined;
  if (persist) {
    plan = planStart(readEmulatorDisk(paths));
    if (plan.kind === 'still-running') {
      throw new Error(
        `MiniStack (pid ${plan.pid}) from an earlier npm start still runs on this state (.local/emulator, port ${plan.port}) but does not answer on ${endpoint}. ` +
          `Wait a few seconds and try again${plan.port === port ? '' : ` with AWS_ENDPOINT_URL on port ${plan.port}`}, or stop it with "kill ${plan.pid}" (it saves its state on SIGTERM).`,
      );
    }
    if (plan.kind === 'recover') recovery = moveAside(plan, paths, localDir);
  }

  const log = openSync(path.join(localDir, 'emulator.log'), 'a');
  const child: ChildProcess = spawn(binary, [], {
    stdio: ['ignore', log, log],
    // Its own process group only when it persists: then this process alone decides when (and how) it stops.
    detached: persist,
    env: {
      ...process.env,
      GATEWAY_PORT: port,
      TMPDIR: tmpDir,
      PERSIST_STATE: persist ? '1' : '0',
      STATE_DIR: paths.state,
      S3_PERSIST: persist ? '1' : '0',
      S3_DATA_DIR: paths.s3,
      LAMBDA_EXECUTOR: 'local',
      ...lambdaWorkerLimits(),
      // Its Lambda workers run "node" from the PATH: the pinned one, as on nodejs24.x.
      PATH: pathWithPinnedNode(),
    },
  });
  if (persist && child.pid) writeSession(paths, { pid: child.pid, port, startedAt: new Date().toISOString() });
  let stopping = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const unexpectedExit = exited.then(({ code, signal }) =>
    stopping ? never : `MiniStack exited on its own (${signal ? `signal ${signal}` : `exit code ${code}`})`,
  );
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await healthy()) {
      return {
        startedHere: true,
        origin: 'started',
        ...(plan ? { plan } : {}),
        ...(recovery ? { recovery } : {}),
        unexpectedExit,
        stop: async () => {
          const started = Date.now();
          const hasExited = () => child.exitCode !== null || child.signalCode !== null;
          if (hasExited() || !child.pid) return { saved: false, seconds: 0 };
          stopping = true;
          if (persist) return stopPersistingEmulator(child.pid, hasExited);
          child.kill('SIGTERM');
          const result = await Promise.race([exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5000))]);
          if (!result) child.kill('SIGKILL');
          return { saved: false, seconds: (Date.now() - started) / 1000 };
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

/** Resident memory of one local Lambda worker (a Node 24 process with a house bundle loaded), measured at about 110 MiB. */
const WORKER_RESIDENT_MIB = 120;

/**
 * MiniStack sizes its account concurrency for 21 MiB per invocation and keeps
 * a burst's surplus workers warm for five minutes; with Node workers of about
 * 110 MiB, a burst of parallel tests (the authorization matrix, the fuzzer,
 * the burst suite) spawned more workers than the machine has memory and the
 * kernel killed the emulator. Half the memory for workers, as MiniStack
 * intends, at their real size; surplus workers reaped after 30 s idle. Beyond
 * the limit an invocation is throttled, as AWS throttles at the account's
 * concurrency, and the workflow's retries take it.
 */
function lambdaWorkerLimits(): Record<string, string> {
  const concurrency = Math.max(16, Math.floor(((totalmem() / 1024 ** 2) * 0.5) / WORKER_RESIDENT_MIB));
  return { LAMBDA_ACCOUNT_CONCURRENCY: String(concurrency), LAMBDA_WARM_TTL_SECONDS: '30' };
}
