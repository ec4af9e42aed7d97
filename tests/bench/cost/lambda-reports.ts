import { CloudWatchLogsClient, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import type { FunctionInfo } from '../support/functions.js';

/** One invocation as the emulator reported it in the function's log group (its REPORT line). */
export interface Invocation {
  function: string;
  billedMs: number;
  memoryMb: number;
}

export interface FunctionLogs {
  invocations: Invocation[];
  /** Bytes of every log event in the window (platform lines included), for the unpriced log-volume figure. */
  logBytes: number;
}

const REPORT = /^REPORT RequestId: \S+\s+Duration: ([\d.]+) ms\s+Billed Duration: ([\d.]+) ms\s+Memory Size: (\d+) MB/;

/**
 * Reads the REPORT line MiniStack writes after every invocation, in the log
 * group the function is configured with. Its billed duration is the
 * emulator's wall time for the invocation (worker round trip included), on
 * this machine's Node, not Graviton: the compute figures are local timings.
 */
export async function functionLogsBetween(functions: FunctionInfo[], fromMs: number, toMs: number): Promise<FunctionLogs> {
  const client = new CloudWatchLogsClient({});
  const invocations: Invocation[] = [];
  let logBytes = 0;
  for (const fn of functions) {
    const pages = paginateFilterLogEvents({ client }, { logGroupName: fn.logGroup, startTime: fromMs, endTime: toMs });
    for await (const page of pages) {
      for (const event of page.events ?? []) {
        const message = event.message ?? '';
        logBytes += Buffer.byteLength(message);
        const report = REPORT.exec(message);
        if (report) invocations.push({ function: fn.name, billedMs: Math.ceil(Number(report[2])), memoryMb: Number(report[3]) });
      }
    }
  }
  return { invocations, logBytes };
}
