import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { channelCredentials, channelToken, localApiBase, partnerCredentials } from './channel-client.js';
import { DEFAULT_PARTNERS } from '../config.js';
import { CdkFailedError, deployLocal, stopDeploy } from './deploy.js';
import { DEMO_USERS } from './demo-data.js';
import { ensureEmulator, type RunningEmulator } from './emulator.js';
import { explainPlan } from './local-state.js';
import { assertPinnedNode } from './pinned-node.js';
import { seedDemoData } from './seed.js';
import { endpoint, localDir, MINISTACK_VERSION, repoRoot, useLocalAws } from './settings.js';
import { renderSummary } from './summary.js';
import { forecastWalkthrough, readWalkthroughPosition } from './walkthrough.js';

/**
 * `npm start`: the whole system on this machine. Starts the emulator unless
 * one is already running, deploys the CDK app to it (its output goes to
 * .local/deploy.log), seeds demo data, prints where to go, and stays in the
 * foreground; Ctrl-C, SIGTERM or a closed terminal stop what it started,
 * cleanly, so the emulator saves its state.
 */
const APPROVAL_ESCALATION_SECONDS = 600;
const NEAR_DUPLICATE_WINDOW_HOURS = 72;
const deployLog = path.join(localDir, 'deploy.log');
const relative = (file: string) => path.relative(repoRoot, file) || file;

assertPinnedNode();
useLocalAws();
// After a closed terminal, writing to it fails (EIO); that must not stop the clean shutdown.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
const say = (text: string) => {
  try {
    console.log(text);
  } catch {
    /* the terminal is gone */
  }
};

const started = Date.now();
const step = (name: string, text: string) => say(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${name.padEnd(8)} ${text}`);

let emulator: RunningEmulator | undefined;
let stopping: Promise<void> | undefined;

/** Stops what this run started, once, whichever signal or failure asks first. */
function shutdown(exitCode: number, why?: string, emulatorGone = false): Promise<void> {
  stopping ??= (async () => {
    stopDeploy();
    if (why) say(why);
    if (emulator?.startedHere && !emulatorGone) {
      say('Stopping MiniStack (it saves its state on the way out) ...');
      const result = await emulator.stop();
      say(
        result.saved
          ? `MiniStack stopped in ${result.seconds.toFixed(1)} s; its state is saved under .local/emulator.`
          : `MiniStack stopped in ${result.seconds.toFixed(1)} s, but its state files were not rewritten; the next npm start checks and recovers.`,
      );
    }
    process.exit(exitCode);
  })();
  return stopping;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

try {
  say(`Starting order-to-cash locally on ${endpoint}.`);
  emulator = await ensureEmulator();
  const running = emulator;
  void running.unexpectedExit.then((reason) =>
    shutdown(1, `${reason}; see ${relative(path.join(localDir, 'emulator.log'))}. Run npm start again: it checks what was saved and recovers.`, true),
  );
  if (running.origin === 'external') {
    step('emulator', `using the emulator already running on ${endpoint} (not started here: Ctrl-C leaves it running)`);
  } else if (running.origin === 'adopted') {
    step('emulator', `took over the MiniStack an earlier npm start left running on ${endpoint} (its data is all there; Ctrl-C stops it cleanly)`);
  } else {
    const plan = running.plan;
    const from =
      plan?.kind === 'restore'
        ? `state restored from the clean stop at ${plan.savedAt.replace('T', ' ').slice(0, 19)} UTC`
        : plan?.kind === 'recover'
          ? 'recovered after an unclean stop (below)'
          : 'empty state';
    step('emulator', `MiniStack ${MINISTACK_VERSION} started on ${endpoint}, ${from}`);
    if (plan) for (const line of explainPlan(plan, running.recovery)) say(`         ! ${line}`);
  }

  step('deploy', `cdk bootstrap + deploy (about 2 minutes when anything changed), output in ${relative(deployLog)} ...`);
  writeFileSync(deployLog, '');
  const outputs = await deployLocal({ approvalEscalationSeconds: APPROVAL_ESCALATION_SECONDS, logFile: deployLog });
  step('deploy', `stacks O2c-Data and O2c-Compute are deployed (API ${outputs.ApiId})`);

  await seedDemoData(outputs);
  step('seed', `demo master data and ${DEMO_USERS.length} demo users are in place (existing records left as they are)`);

  const api = localApiBase(outputs);
  const partners = await Promise.all(
    DEFAULT_PARTNERS.map(async (partner) => ({ id: partner.id, channel: partner.channel, credentials: await partnerCredentials(outputs, partner.id) })),
  );
  const portalToken = await channelToken(await channelCredentials(outputs, 'portal'));
  const today = new Date().toISOString().slice(0, 10);
  const position = await readWalkthroughPosition(outputs, today);
  say('');
  say(
    renderSummary({
      endpoint,
      api,
      users: DEMO_USERS,
      partners,
      portalToken,
      staffClientId: outputs.StaffClientId,
      position,
      forecast: forecastWalkthrough(position, today),
      nearDuplicateWindowHours: NEAR_DUPLICATE_WINDOW_HOURS,
      escalationMinutes: APPROVAL_ESCALATION_SECONDS / 60,
      readySeconds: (Date.now() - started) / 1000,
      stopNote: running.startedHere
        ? 'Press Ctrl-C to stop: MiniStack then saves its state under .local/emulator (npm run local:reset starts over).'
        : 'Press Ctrl-C to stop (the emulator keeps running: it was not started here).',
    }),
  );
} catch (error) {
  if (!stopping) {
    if (error instanceof CdkFailedError && error.logFile) {
      say(`\ncdk ${error.command} failed (exit ${error.exitCode}). The last 40 lines of ${relative(error.logFile)}:\n`);
      say(tail(error.logFile, 40));
      say(`\nThe whole output: ${relative(error.logFile)}`);
    } else {
      say(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await shutdown(1);
  }
}
setInterval(() => {}, 1 << 30);
