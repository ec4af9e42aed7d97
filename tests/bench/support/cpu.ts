import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the machine's CPU time went during a phase, from /proc: the emulator's
 * own Python process, the Lambda worker processes it runs, this bench process
 * (autocannon and polling run here), and everything else on the machine
 * (other users of the same cores). On a shared 2-core machine this is what
 * tells a slow route from a busy machine. Linux only; null elsewhere.
 */
export interface CpuSplit {
  wallSeconds: number;
  /** CPU seconds. */
  emulator: number;
  lambdaWorkers: number;
  bench: number;
  otherProcesses: number;
  /** Busy share of all cores over the phase. */
  machineBusy: number;
}

interface Snapshot {
  at: number;
  emulator: number;
  workers: number;
  bench: number;
  machineBusy: number;
  machineTotal: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function statOf(pid: string): { ppid: string; self: number; reapedChildren: number; command: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return { ppid: fields[1]!, self: Number(fields[11]) + Number(fields[12]), reapedChildren: Number(fields[13]) + Number(fields[14]), command };
  } catch {
    return undefined; // the process ended while being read
  }
}

function snapshot(): Snapshot | null {
  let cpuLine: number[];
  try {
    cpuLine = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return null;
  }
  const processes = new Map<string, NonNullable<ReturnType<typeof statOf>>>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = statOf(pid);
    if (stat) processes.set(pid, stat);
  }
  const emulatorPid = [...processes].find(([, p]) => p.ppid === String(process.pid) && p.command.includes('ministack'))?.[0];
  const descendantsOf = (root: string): string[] => {
    const children = [...processes].filter(([, p]) => p.ppid === root).map(([pid]) => pid);
    return children.flatMap((child) => [child, ...descendantsOf(child)]);
  };
  const emulator = emulatorPid ? processes.get(emulatorPid)! : undefined;
  const workers = emulatorPid ? descendantsOf(emulatorPid).reduce((sum, pid) => sum + processes.get(pid)!.self, 0) + emulator!.reapedChildren : 0;
  const usage = process.cpuUsage();
  const idle = (cpuLine[3] ?? 0) + (cpuLine[4] ?? 0);
  const total = cpuLine.slice(0, 8).reduce((a, b) => a + b, 0);
  return {
    at: performance.now(),
    emulator: (emulator?.self ?? 0) / TICKS_PER_SECOND,
    workers: workers / TICKS_PER_SECOND,
    bench: (usage.user + usage.system) / 1e6,
    machineBusy: (total - idle) / TICKS_PER_SECOND,
    machineTotal: total / TICKS_PER_SECOND,
  };
}

/** Starts measuring; the returned function ends the measurement and gives the split. */
export function measureCpu(): () => CpuSplit | null {
  const before = snapshot();
  return () => {
    const after = snapshot();
    if (!before || !after) return null;
    const d = (key: keyof Snapshot) => after[key] - before[key];
    const ours = d('emulator') + d('workers') + d('bench');
    const round2 = (value: number) => Math.round(value * 100) / 100;
    return {
      wallSeconds: round2(d('at') / 1000),
      emulator: round2(d('emulator')),
      lambdaWorkers: round2(d('workers')),
      bench: round2(d('bench')),
      otherProcesses: round2(Math.max(0, d('machineBusy') - ours)),
      machineBusy: round2(d('machineBusy') / Math.max(d('machineTotal'), 1e-9)),
    };
  };
}

/** Several measured stretches of one phase taken together. */
export function combineCpu(splits: readonly (CpuSplit | null)[]): CpuSplit | null {
  if (splits.length === 0 || splits.some((split) => split === null)) return null;
  const all = splits as CpuSplit[];
  const total = (key: Exclude<keyof CpuSplit, 'machineBusy'>) => Math.round(all.reduce((sum, split) => sum + split[key], 0) * 100) / 100;
  const wallSeconds = total('wallSeconds');
  return {
    wallSeconds,
    emulator: total('emulator'),
    lambdaWorkers: total('lambdaWorkers'),
    bench: total('bench'),
    otherProcesses: total('otherProcesses'),
    machineBusy: Math.round((all.reduce((sum, split) => sum + split.machineBusy * split.wallSeconds, 0) / Math.max(wallSeconds, 1e-9)) * 100) / 100,
  };
}
