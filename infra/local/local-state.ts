import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What MiniStack keeps on disk, and when (measured with MiniStack 1.5.33 and
 * read in its source, ministack/core/persistence.py and services/s3.py):
 *
 * - S3 object bodies and their sidecars are written to S3_DATA_DIR at once,
 *   on every PutObject (`.local/emulator/s3/`).
 * - Everything else (CloudFormation stacks, DynamoDB tables and items, Step
 *   Functions, Cognito users, Lambda functions, S3 bucket settings, ...) lives
 *   in memory and is written to STATE_DIR (`.local/emulator/state/*.json`)
 *   only when the emulator shuts down cleanly (SIGTERM or SIGINT; the save
 *   takes well under a second locally).
 *
 * After a SIGKILL, a crash, a reboot, or a SIGHUP (MiniStack does not handle
 * it: a closed terminal), the state files are those of the last clean stop,
 * or absent, while S3 holds everything written since. The next start then
 * finds buckets whose stacks it does not know: `cdk bootstrap` fails with
 * "StagingBucket already exists", and the audit bucket holds records of
 * orders its table never saw. This module tells the cases apart and puts
 * the disk back to one consistent point in time.
 */

/** Written when npm start launches MiniStack with persistence; replaced by the clean-stop marker once it stopped it cleanly. */
export interface SessionMarker {
  pid: number;
  port: string;
  startedAt: string;
}

/** Written after MiniStack exited on our SIGTERM and its state files were seen rewritten. */
export interface CleanStopMarker {
  savedAt: string;
  stoppedAt: string;
}

/** What npm start finds under .local/emulator before it launches MiniStack: all a decision needs, nothing more. */
export interface EmulatorDisk {
  session?: SessionMarker;
  /** Whether the session's process is still running (a MiniStack). */
  sessionAlive: boolean;
  cleanStop?: CleanStopMarker;
  /** Present when the state MiniStack saves on a clean stop exists: the time its stack and table files were written. */
  savedState?: { savedAtMs: number };
  /** S3 files (object data, sidecars, stored versions) relative to the S3 directory, with their modification times. */
  s3Files: readonly { path: string; mtimeMs: number }[];
}

export type StartPlan =
  /** Nothing saved: MiniStack starts empty (after an unclean stop that had saved nothing, `lostSince` says when that run began). */
  | { kind: 'fresh'; lostSince?: string }
  /** The state of a clean stop and the S3 data agree: MiniStack restores both. */
  | { kind: 'restore'; savedAt: string }
  /** An earlier npm start's MiniStack is still running but does not answer on the endpoint. */
  | { kind: 'still-running'; pid: number; port: string }
  /**
   * The S3 data is newer than the saved state (or there is no saved state):
   * the S3 files in `moveS3` (and, without a saved state, the state
   * directory's leftovers) are moved aside; the saved state, if any, is kept.
   */
  | {
      kind: 'recover';
      cause: 'unclean-stop' | 's3-without-state' | 's3-newer-than-state';
      /** When the saved state that is kept was written; absent when nothing usable was saved. */
      keptStateFrom?: string;
      /** When the run that stopped uncleanly began (its changes are gone). */
      lostSince?: string;
      moveS3: string[];
      moveState: boolean;
    };

/** S3 files written up to this long after the state files in a stop we did not see ourselves still count as part of it. */
export const UNMARKED_SAVE_SLACK_MS = 5_000;

/**
 * Decides how to start MiniStack from what is on disk. A pure function, so
 * every case is tested (tests/unit/local/local-state.test.ts).
 */
export function planStart(disk: EmulatorDisk): StartPlan {
  const { session, savedState, s3Files } = disk;
  if (session && disk.sessionAlive) return { kind: 'still-running', pid: session.pid, port: session.port };
  const savedAt = savedState ? new Date(savedState.savedAtMs).toISOString() : undefined;

  // Saved after the session began: the emulator did stop cleanly, only not through us (a SIGTERM by hand, a system shutdown).
  const savedDuringSession = session && savedState && savedState.savedAtMs >= Date.parse(session.startedAt);
  if (session && !savedDuringSession) {
    // The last npm start never saw its emulator stop cleanly: whatever it saved is the last clean stop before it.
    if (!savedState && s3Files.length === 0) return { kind: 'fresh', lostSince: session.startedAt };
    return {
      kind: 'recover',
      cause: 'unclean-stop',
      ...(savedAt ? { keptStateFrom: savedAt } : {}),
      lostSince: session.startedAt,
      moveS3: s3Files.filter((file) => !savedState || file.mtimeMs > savedState.savedAtMs).map((file) => file.path),
      moveState: !savedState,
    };
  }

  if (!savedState) {
    return s3Files.length === 0 ? { kind: 'fresh' } : { kind: 'recover', cause: 's3-without-state', moveS3: s3Files.map((file) => file.path), moveState: true };
  }
  // A clean stop we saw: S3 writes of the last moments (a function finishing during the shutdown) belong to it.
  if (disk.cleanStop) return { kind: 'restore', savedAt: savedAt ?? disk.cleanStop.savedAt };
  // No marker of ours (a .local/ from before the markers, a stop we did not see): the times are the only witness.
  const newer = s3Files.filter((file) => file.mtimeMs > savedState.savedAtMs + UNMARKED_SAVE_SLACK_MS).map((file) => file.path);
  if (newer.length === 0) return { kind: 'restore', savedAt: savedAt ?? '' };
  return { kind: 'recover', cause: 's3-newer-than-state', keptStateFrom: savedAt ?? '', moveS3: newer, moveState: false };
}

// ---------------------------------------------------------------------------
// The disk itself
// ---------------------------------------------------------------------------

export interface EmulatorPaths {
  root: string;
  state: string;
  s3: string;
  session: string;
  cleanStop: string;
}

export function emulatorPaths(localDir: string): EmulatorPaths {
  const root = path.join(localDir, 'emulator');
  return {
    root,
    state: path.join(root, 'state'),
    s3: path.join(root, 's3'),
    session: path.join(root, 'session.json'),
    cleanStop: path.join(root, 'clean-stop.json'),
  };
}

/** The state files that matter to a start: the stacks and the table. Both are rewritten at every clean stop. */
const CORE_STATE_FILES = ['cloudformation.json', 'dynamodb.json'];

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Whether a process runs and, where /proc tells, is a MiniStack (a pid reused after a reboot is not ours). */
export function isMiniStackProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ministack');
  } catch {
    return true; // no /proc (macOS): trust the pid
  }
}

function filesUnder(dir: string, base = dir): { path: string; mtimeMs: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, base);
    if (!entry.isFile() || entry.name.endsWith('.tmp')) return [];
    return [{ path: path.relative(base, full), mtimeMs: statSync(full).mtimeMs }];
  });
}

export function readEmulatorDisk(paths: EmulatorPaths): EmulatorDisk {
  const session = readJson<SessionMarker>(paths.session);
  const cleanStop = readJson<CleanStopMarker>(paths.cleanStop);
  const core = CORE_STATE_FILES.map((name) => path.join(paths.state, name));
  const savedState = core.every((file) => existsSync(file)) ? { savedAtMs: Math.min(...core.map((file) => statSync(file).mtimeMs)) } : undefined;
  return {
    ...(session ? { session } : {}),
    sessionAlive: session ? isMiniStackProcess(session.pid) : false,
    ...(cleanStop ? { cleanStop } : {}),
    ...(savedState ? { savedState } : {}),
    s3Files: filesUnder(paths.s3),
  };
}

function removeEmptyDirs(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyDirs(path.join(dir, entry.name));
  }
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export interface Recovery {
  staleDir: string;
  movedS3Files: number;
  /** Buckets (account/bucket) that had objects moved, with how many. */
  buckets: Record<string, number>;
  /** Orders whose signed archive records were among them (their table rows are gone with the lost state). */
  archivedOrders: string[];
  movedState: boolean;
}

/**
 * Moves what the plan names into .local/stale-<time>/ (same layout, with a
 * note saying why), never deleting anything. Empty S3 directories left
 * behind are removed, so MiniStack does not recreate their buckets.
 */
export function moveAside(plan: Extract<StartPlan, { kind: 'recover' }>, paths: EmulatorPaths, localDir: string, now = new Date()): Recovery {
  const staleDir = path.join(localDir, `stale-${stamp(now)}`);
  const buckets: Record<string, number> = {};
  const orders = new Set<string>();
  for (const file of plan.moveS3) {
    const target = path.join(staleDir, 's3', file);
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(path.join(paths.s3, file), target);
    // Object files sit at <account>/<bucket>/<key>; stored versions at .versions/<account>/<bucket>/...
    const parts = file.split(path.sep);
    const bucket = parts[0] === '.versions' ? parts.slice(1, 3).join('/') : parts.slice(0, 2).join('/');
    if (!file.endsWith('.meta.json')) buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    // The audit bucket keeps an order's signed record under orders/<orderId>/.
    const order = /(?:^|\/)orders\/(ORD-[A-Z0-9]+)\//.exec(file.split(path.sep).join('/'))?.[1];
    if (order) orders.add(order);
  }
  removeEmptyDirs(paths.s3);
  mkdirSync(paths.s3, { recursive: true });
  if (plan.moveState && existsSync(paths.state)) {
    mkdirSync(staleDir, { recursive: true });
    renameSync(paths.state, path.join(staleDir, 'state'));
  }
  const movedS3Files = Object.values(buckets).reduce((total, count) => total + count, 0);
  const recovery = {
    staleDir,
    movedS3Files,
    buckets,
    archivedOrders: [...orders].sort(),
    movedState: plan.moveState && existsSync(path.join(staleDir, 'state')),
  };
  if (existsSync(staleDir)) {
    writeFileSync(
      path.join(staleDir, 'WHY.txt'),
      `${explainPlan(plan, recovery).join('\n')}\n\nNothing here is read again; delete this folder when you no longer need it.\n`,
    );
  }
  return recovery;
}

export function writeSession(paths: EmulatorPaths, marker: SessionMarker): void {
  mkdirSync(paths.root, { recursive: true });
  writeFileSync(paths.session, `${JSON.stringify(marker, null, 2)}\n`);
  rmIfPresent(paths.cleanStop);
}

/** How long the state folder must be quiet before a save in progress counts as finished. */
const SAVE_QUIET_MS = 1_000;

/**
 * Whether MiniStack has written its state since the stop was requested: the
 * stack and table files are rewritten and no state file changed for a second
 * (the save writes every service's file in one go).
 */
export function saveWritten(paths: EmulatorPaths, stopRequestedAtMs: number, nowMs = Date.now()): boolean {
  const core = CORE_STATE_FILES.map((name) => path.join(paths.state, name));
  if (!core.every((file) => existsSync(file) && statSync(file).mtimeMs >= stopRequestedAtMs - 1_000)) return false;
  const newest = Math.max(
    ...readdirSync(paths.state)
      .filter((name) => name.endsWith('.json'))
      .map((name) => statSync(path.join(paths.state, name)).mtimeMs),
  );
  return nowMs - newest >= SAVE_QUIET_MS;
}

/** After a stop: a clean one replaces the session marker; otherwise the marker stays, so the next start recovers. */
export function recordStop(paths: EmulatorPaths, stopRequestedAtMs: number, finished: boolean): boolean {
  const core = CORE_STATE_FILES.map((name) => path.join(paths.state, name));
  const saved = finished && core.every((file) => existsSync(file) && statSync(file).mtimeMs >= stopRequestedAtMs - 1_000);
  if (!saved) return false;
  const marker: CleanStopMarker = {
    savedAt: new Date(Math.min(...core.map((file) => statSync(file).mtimeMs))).toISOString(),
    stoppedAt: new Date().toISOString(),
  };
  writeFileSync(paths.cleanStop, `${JSON.stringify(marker, null, 2)}\n`);
  rmIfPresent(paths.session);
  return true;
}

export function readSession(paths: EmulatorPaths): SessionMarker | undefined {
  return readJson<SessionMarker>(paths.session);
}

function rmIfPresent(file: string): void {
  rmSync(file, { force: true });
}

const when = (iso: string) => `${iso.replace('T', ' ').slice(0, 19)} UTC`;

/** What the plan means for the person starting the stack, in a few lines (also written to WHY.txt in the stale folder). */
export function explainPlan(plan: StartPlan, recovery?: Recovery): string[] {
  switch (plan.kind) {
    case 'fresh':
      return plan.lostSince
        ? [
            `The emulator started at ${when(plan.lostSince)} was not stopped cleanly (killed, crashed, or the machine went down) and had saved nothing:`,
            'MiniStack saves its stacks, tables, users and workflows only when it stops cleanly. Starting empty; the stack is deployed and seeded again.',
          ]
        : [];
    case 'restore':
      return [];
    case 'still-running':
      return [`MiniStack (pid ${plan.pid}, port ${plan.port}) from an earlier npm start is still running on this state.`];
    case 'recover': {
      const where = recovery ? path.relative(path.dirname(path.dirname(recovery.staleDir)), recovery.staleDir) : 'aside';
      const byBucket =
        recovery && Object.keys(recovery.buckets).length > 0
          ? ` (${Object.entries(recovery.buckets)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([bucket, count]) => `${bucket.split('/').pop()}: ${count}`)
              .join(', ')})`
          : '';
      const archived =
        recovery && recovery.archivedOrders.length > 0 ? ` (among them the signed archive records of ${recovery.archivedOrders.join(', ')})` : '';
      const moved = `${recovery ? recovery.movedS3Files : plan.moveS3.length} S3 object(s)${byBucket}${plan.moveState ? ' and the incomplete state folder' : ''} were moved to ${where}${archived}`;
      const cause =
        plan.cause === 'unclean-stop'
          ? `The emulator started at ${when(plan.lostSince ?? '')} was not stopped cleanly (killed, crashed, terminal closed, or the machine went down).`
          : plan.cause === 's3-without-state'
            ? 'The emulator state under .local/emulator has S3 data but no saved stacks or tables: its last run was not stopped cleanly.'
            : `The S3 data under .local/emulator was written after the state saved at ${when(plan.keptStateFrom ?? '')}: its last run was not stopped cleanly.`;
      const why =
        'MiniStack writes S3 objects at once but saves everything else (stacks, tables, users, workflows) only on a clean stop, so the two no longer matched.';
      const outcome = plan.keptStateFrom
        ? `Restored the state saved at ${when(plan.keptStateFrom)}; orders and other changes made ${plan.lostSince ? `since ${when(plan.lostSince)}` : 'after it'} are lost. ${moved}: they were written after that save, so nothing in it refers to them.`
        : `Nothing usable was saved, so the local stack starts over (deployed and seeded again; every earlier local order is gone). ${moved}.`;
      return [cause, why, outcome];
    }
  }
}
