import { mkdtempSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  emulatorPaths,
  explainPlan,
  moveAside,
  planStart,
  readEmulatorDisk,
  recordStop,
  writeSession,
  type EmulatorDisk,
} from '../../../infra/local/local-state.js';

const T0 = Date.parse('2026-12-03T10:00:00Z');
const minutes = (n: number) => T0 + n * 60_000;
const session = { pid: 4242, port: '4610', startedAt: new Date(minutes(10)).toISOString() };
const disk = (overrides: Partial<EmulatorDisk> = {}): EmulatorDisk => ({ sessionAlive: false, s3Files: [], ...overrides });
const asset = (mtimeMs: number, name = 'asset.zip') => ({ path: `000000000000/cdk-hnb659fds-assets-000000000000-us-east-1/${name}`, mtimeMs });
const archived = (mtimeMs: number, orderId: string) => ({ path: `000000000000/o2c-data-audit/orders/${orderId}/audit-record.json`, mtimeMs });

describe('given nothing under .local/emulator', () => {
  it('when npm start plans the start, then MiniStack starts empty and nothing is reported lost', () => {
    expect(planStart(disk())).toEqual({ kind: 'fresh' });
  });
});

describe('given the state of a clean stop that npm start recorded', () => {
  const saved = {
    cleanStop: { savedAt: new Date(minutes(0)).toISOString(), stoppedAt: new Date(minutes(0)).toISOString() },
    savedState: { savedAtMs: minutes(0) },
  };

  it('when the S3 data is older than the save, then the saved state is restored', () => {
    expect(planStart(disk({ ...saved, s3Files: [asset(minutes(-5))] }))).toEqual({ kind: 'restore', savedAt: new Date(minutes(0)).toISOString() });
  });

  it('when a function wrote to S3 during the shutdown, after the save began, then it is still a clean restore', () => {
    expect(planStart(disk({ ...saved, s3Files: [archived(minutes(0) + 800, 'ORD-1')] })).kind).toBe('restore');
  });
});

describe('given an npm start whose emulator was killed (the session marker is left and its process is gone)', () => {
  it('when nothing had ever been saved (the reported "StagingBucket already exists" case), then all S3 data and the state leftovers are moved aside', () => {
    const plan = planStart(disk({ session, s3Files: [asset(minutes(11)), archived(minutes(12), 'ORD-1')] }));
    expect(plan).toEqual({
      kind: 'recover',
      cause: 'unclean-stop',
      lostSince: session.startedAt,
      moveS3: [asset(0).path, archived(0, 'ORD-1').path],
      moveState: true,
    });
  });

  it('when an earlier clean stop had saved state, then that state is kept and only the S3 files written after it are moved aside', () => {
    const plan = planStart(
      disk({
        session,
        savedState: { savedAtMs: minutes(0) },
        s3Files: [asset(minutes(-5), 'old.zip'), archived(minutes(-3), 'ORD-OLD'), archived(minutes(12), 'ORD-NEW')],
      }),
    );
    expect(plan).toEqual({
      kind: 'recover',
      cause: 'unclean-stop',
      keptStateFrom: new Date(minutes(0)).toISOString(),
      lostSince: session.startedAt,
      moveS3: [archived(0, 'ORD-NEW').path],
      moveState: false,
    });
  });

  it('when it had written nothing at all, then MiniStack starts empty and the message says the run was lost', () => {
    const plan = planStart(disk({ session }));
    expect(plan).toEqual({ kind: 'fresh', lostSince: session.startedAt });
    expect(explainPlan(plan).join(' ')).toMatch(/not stopped cleanly .* saved nothing/);
  });

  it('when the state was saved after the session began (stopped by a system shutdown, not by us), then it counts as a clean stop', () => {
    const plan = planStart(disk({ session, savedState: { savedAtMs: minutes(30) }, s3Files: [archived(minutes(29), 'ORD-1')] }));
    expect(plan).toEqual({ kind: 'restore', savedAt: new Date(minutes(30)).toISOString() });
  });
});

describe('given the session marker of an emulator whose process still runs', () => {
  it('when the endpoint does not answer, then npm start neither moves nor starts anything', () => {
    expect(planStart(disk({ session, sessionAlive: true, s3Files: [asset(minutes(11))] }))).toEqual({ kind: 'still-running', pid: 4242, port: '4610' });
  });
});

describe('given a .local/ from before the markers (no session, no clean-stop record)', () => {
  it('when S3 has data but no stack or table state was ever saved, then the S3 data is moved aside and the stack deployed again', () => {
    const plan = planStart(disk({ s3Files: [asset(minutes(1))] }));
    expect(plan).toMatchObject({ kind: 'recover', cause: 's3-without-state', moveS3: [asset(0).path], moveState: true });
    expect(explainPlan(plan).join(' ')).toMatch(/starts over/);
  });

  it('when S3 files are newer than the saved state by more than the shutdown slack, then only those are moved aside', () => {
    const plan = planStart(
      disk({ savedState: { savedAtMs: minutes(0) }, s3Files: [archived(minutes(0) + 2_000, 'ORD-SHUTDOWN'), archived(minutes(5), 'ORD-LATER')] }),
    );
    expect(plan).toMatchObject({ kind: 'recover', cause: 's3-newer-than-state', moveS3: [archived(0, 'ORD-LATER').path], moveState: false });
  });

  it('when no S3 file is newer than the saved state, then it is restored', () => {
    expect(planStart(disk({ savedState: { savedAtMs: minutes(0) }, s3Files: [asset(minutes(-1))] })).kind).toBe('restore');
  });
});

describe('given a real directory after an unclean stop', () => {
  const setUp = () => {
    const local = mkdtempSync(path.join(tmpdir(), 'o2c-local-'));
    const paths = emulatorPaths(local);
    const put = (file: string, mtimeMs: number) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'x');
      utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
    };
    for (const name of ['cloudformation.json', 'dynamodb.json']) put(path.join(paths.state, name), minutes(0));
    put(path.join(paths.s3, asset(0).path), minutes(-5));
    put(path.join(paths.s3, archived(0, 'ORD-NEW').path), minutes(12));
    put(path.join(paths.s3, `${archived(0, 'ORD-NEW').path}.meta.json`), minutes(12));
    put(path.join(paths.s3, '000000000000/o2c-batch-uploads/upload.csv'), minutes(13));
    writeFileSync(paths.session, JSON.stringify({ ...session, pid: 2 ** 22 + 12345 }));
    return { local, paths };
  };

  it('when it is read, planned and recovered, then the newer files sit in .local/stale-<time>/ with a note, empty buckets are gone and the rest stays', () => {
    const { local, paths } = setUp();
    const plan = planStart(readEmulatorDisk(paths));
    if (plan.kind !== 'recover') throw new Error(`expected a recovery, got ${plan.kind}`);
    const recovery = moveAside(plan, paths, local, new Date(minutes(20)));

    expect(path.basename(recovery.staleDir)).toBe('stale-20261203-102000');
    expect(recovery).toMatchObject({
      movedS3Files: 2,
      buckets: { '000000000000/o2c-data-audit': 1, '000000000000/o2c-batch-uploads': 1 },
      archivedOrders: ['ORD-NEW'],
      movedState: false,
    });
    expect(existsSync(path.join(recovery.staleDir, 's3', archived(0, 'ORD-NEW').path))).toBe(true);
    expect(readFileSync(path.join(recovery.staleDir, 'WHY.txt'), 'utf8')).toMatch(/not stopped cleanly/);
    expect(readdirSync(path.join(paths.s3, '000000000000')).sort()).toEqual(['cdk-hnb659fds-assets-000000000000-us-east-1']);
    expect(existsSync(path.join(paths.state, 'dynamodb.json'))).toBe(true);
    expect(explainPlan(plan, recovery).join(' ')).toMatch(
      /Restored the state saved at 2026-12-03 10:00:00 UTC; orders and other changes made since 2026-12-03 10:10:00 UTC are lost\. 2 S3 object\(s\) \(o2c-batch-uploads: 1, o2c-data-audit: 1\) were moved to \S*stale-20261203-102000 \(among them the signed archive records of ORD-NEW\): they were written after that save/,
    );
  });

  it('when npm start then stops its emulator cleanly, then the clean stop replaces the session marker and the next start restores', () => {
    const { paths } = setUp();
    writeSession(paths, { pid: 1, port: '4610', startedAt: new Date().toISOString() });
    const stopRequested = Date.now();
    for (const name of ['cloudformation.json', 'dynamodb.json']) writeFileSync(path.join(paths.state, name), '{}');

    expect(recordStop(paths, stopRequested, true)).toBe(true);
    expect(existsSync(paths.session)).toBe(false);
    expect(planStart({ ...readEmulatorDisk(paths), s3Files: [] }).kind).toBe('restore');
  });

  it('when the emulator exits on the stop but its state files were not rewritten, then the session marker stays for the next start to recover', () => {
    const { paths } = setUp();
    expect(recordStop(paths, Date.now(), true)).toBe(false);
    expect(existsSync(paths.session)).toBe(true);
  });
});
