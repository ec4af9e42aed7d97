import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBrowser } from './browser.js';
import { deployLocal } from './deploy.js';
import { ensureEmulator, installFuzzer } from './emulator.js';
import { ensurePdfTools } from './pdf-tools.js';
import { assertPinnedNode } from './pinned-node.js';
import { seedDemoData } from './seed.js';
import { localAwsEnv, localDir, repoRoot, TEST_ESCALATION_SECONDS, TEST_PICK_TIMEOUT_SECONDS, TEST_STOCK_WAIT, useLocalAws } from './settings.js';

/**
 * Runs a command (the emulator test tiers) against a freshly deployed local
 * stack: starts the emulator if none answers, deploys once, seeds, runs the
 * command, and stops the emulator if it started it.
 */
const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: with-emulator <command> [args...]');
assertPinnedNode();
useLocalAws();
ensureBrowser();
ensurePdfTools();
installFuzzer();
// Tests get a throw-away emulator state so each run starts clean.
const emulator = await ensureEmulator({ persist: false });
let exitCode = 1;
try {
  // Escalation tests wait for real timeouts, so tests deploy with short ones; the fault-injection tests plan faults.
  const outputs = await deployLocal({
    approvalEscalationSeconds: TEST_ESCALATION_SECONDS,
    stockWait: TEST_STOCK_WAIT,
    pickTimeoutSeconds: TEST_PICK_TIMEOUT_SECONDS,
    faultInjection: true,
  });
  await seedDemoData(outputs);
  writeFileSync(path.join(localDir, 'test-stack.json'), JSON.stringify(outputs, null, 2));
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', command), args, { stdio: 'inherit', env: localAwsEnv() });
    child.on('exit', (code) => resolve(code ?? 1));
  });
} finally {
  await emulator.stop();
}
process.exit(exitCode);
