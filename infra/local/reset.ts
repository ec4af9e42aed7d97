import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { stopPersistingEmulator } from './emulator.js';
import { emulatorPaths, isMiniStackProcess, readSession } from './local-state.js';
import { endpoint, localDir, repoRoot } from './settings.js';

/**
 * `npm run local:reset`: start over. Stops the MiniStack that npm start runs
 * (if any), then deletes .local/ (the emulator's stacks, tables, users,
 * archived documents and S3 data, the deploy outputs and logs, and any
 * folders set aside by a recovery). The next npm start deploys and seeds a
 * fresh stack. Asks first; `-- --yes` skips the question.
 */
function sizeOf(target: string): number {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(target).reduce((total, entry) => total + sizeOf(path.join(target, entry)), 0);
}

/** Whether anything answers HTTP on the endpoint. */
async function answers(): Promise<boolean> {
  try {
    await fetch(`${endpoint}/_ministack/health`, { signal: AbortSignal.timeout(1500) });
    return true;
  } catch {
    return false;
  }
}

const shown = path.relative(process.cwd(), localDir) || localDir;
if (!existsSync(localDir)) {
  console.log(`Nothing to reset: ${shown} does not exist. npm start deploys and seeds a fresh stack.`);
  process.exit(0);
}

const paths = emulatorPaths(localDir);
const session = readSession(paths);
const ours = session && isMiniStackProcess(session.pid) ? session : undefined;
if (!ours && (await answers())) {
  console.error(
    `An emulator that npm start did not start (or started under another endpoint) answers on ${endpoint}. ` +
      'Stop it first: local:reset only deletes what is under .local/, and a running emulator would keep (and later save) its data.',
  );
  process.exit(1);
}

const stale = readdirSync(localDir).filter((name) => name.startsWith('stale-'));
const megabytes = (sizeOf(localDir) / 1024 / 1024).toFixed(1);
console.log(
  `This deletes ${shown}/ (${megabytes} MB): the local stack with every order, approval, invoice and archived document, the demo users,` +
    `${stale.length > 0 ? ` ${stale.length} folder(s) set aside by earlier recoveries,` : ''} and the deploy outputs and logs.` +
    `${ours ? ` The MiniStack running for npm start (pid ${ours.pid}) is stopped first.` : ''}`,
);
if (!process.argv.includes('--yes')) {
  if (!process.stdin.isTTY) {
    console.error('Not a terminal, so nothing was deleted: run "npm run local:reset -- --yes" to confirm.');
    process.exit(1);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question('Delete it? Type "yes" to confirm: ');
  prompt.close();
  if (answer.trim().toLowerCase() !== 'yes') {
    console.log('Nothing was deleted.');
    process.exit(0);
  }
}

if (ours) {
  const result = await stopPersistingEmulator(ours.pid);
  console.log(`Stopped MiniStack (pid ${ours.pid}) in ${result.seconds.toFixed(1)} s.`);
}
rmSync(localDir, { recursive: true, force: true });
console.log(`Deleted ${path.relative(repoRoot, localDir)}/. Run "npm start" to deploy and seed a fresh local stack (about 2 minutes).`);
