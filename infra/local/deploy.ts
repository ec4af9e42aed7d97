import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { applyBucketShims } from './shims.js';
import { LOCAL_SHIP_FROM, localAwsEnv, localDir, repoRoot, useLocalAws } from './settings.js';
import { LOCAL_PARTNERS } from './demo-data.js';

export const PREFIX = 'O2c';
const outputsFile = path.join(localDir, 'outputs.json');

export const StackOutputs = z.object({
  ApiUrl: z.string(),
  ApiId: z.string(),
  StateMachineArn: z.string(),
  UserPoolId: z.string(),
  /** JSON: partner id -> its app client id. */
  PartnerClientIds: z.string(),
  ApprovalsClientId: z.string(),
  StaffClientId: z.string(),
  TableName: z.string(),
  AuditTableName: z.string(),
  AuditBucketName: z.string(),
  AuditDayShards: z.string(),
  AuditLiveDays: z.string(),
  SigningKeyArn: z.string(),
  BatchUploadBucketName: z.string(),
  EventBusName: z.string(),
  RecallLetterTopicArn: z.string(),
});
export type StackOutputs = z.infer<typeof StackOutputs>;

/** A cdk command that failed; `logFile` holds its output when the deploy wrote to one. */
export class CdkFailedError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly logFile?: string,
  ) {
    super(`cdk ${command} failed (exit ${exitCode})${logFile ? `; its output is in ${logFile}` : ''}`);
    this.name = 'CdkFailedError';
  }
}

let running: ChildProcess | undefined;

/** Ends a cdk command still running (npm start being stopped during the deploy). */
export function stopDeploy(): void {
  running?.kill('SIGTERM');
}

async function cdk(args: string[], logFile?: string): Promise<void> {
  const out = logFile ? openSync(logFile, 'a') : 'inherit';
  try {
    if (typeof out === 'number') writeSync(out, `\n$ cdk ${args.join(' ')}   (${new Date().toISOString()})\n`);
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'cdk'), args, { cwd: repoRoot, env: localAwsEnv(), stdio: ['ignore', out, out] });
    running = child;
    const status = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    if (status !== 0) throw new CdkFailedError(args[0] ?? '', status, logFile);
  } finally {
    running = undefined;
    if (typeof out === 'number') closeSync(out);
  }
}

export function readOutputs(): StackOutputs {
  const all = JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, unknown>;
  return StackOutputs.parse(all[`${PREFIX}-Compute`]);
}

export interface LocalDeployOptions {
  /** Seconds before an unanswered approval escalates: short in tests, long enough for a person with `npm start`. */
  approvalEscalationSeconds: number;
  /** Stock-shortage policy: short in tests, so a waiting order is seen to resume or give up (defaults: cdk.json/infra/config.ts). */
  stockWait?: { waitSeconds: number; recheckSeconds: number };
  /** Seconds the warehouse has to confirm a pick: short in tests, so the timeout path is seen (default: infra/config.ts). */
  pickTimeoutSeconds?: number;
  /** Append the cdk output (bootstrap, bundling, deploy events) to this file instead of the terminal. */
  logFile?: string;
  /** Fault injection (tests only; see infra/config.ts): every function reads a fault plan from the table. */
  faultInjection?: boolean;
}

/**
 * Deploys the same CDK app as on AWS to the emulator: bootstrap, deploy both
 * stacks, then apply the settings the emulator's CloudFormation ignores.
 */
export async function deployLocal(options: LocalDeployOptions = { approvalEscalationSeconds: 600 }): Promise<StackOutputs> {
  const context = [
    '-c',
    'local=true',
    '-c',
    `prefix=${PREFIX}`,
    '-c',
    `approvalEscalationSeconds=${options.approvalEscalationSeconds}`,
    '-c',
    'auditRetentionYears=1',
    '-c',
    `shipFrom=${JSON.stringify(LOCAL_SHIP_FROM)}`,
    '-c',
    `partners=${JSON.stringify(LOCAL_PARTNERS)}`,
    ...(options.pickTimeoutSeconds ? ['-c', `pickTimeoutSeconds=${options.pickTimeoutSeconds}`] : []),
    '-c',
    'auditArchiveRetentionYears=1',
    ...(options.stockWait ? ['-c', `stockWaitSeconds=${options.stockWait.waitSeconds}`, '-c', `stockRecheckSeconds=${options.stockWait.recheckSeconds}`] : []),
    ...(options.faultInjection ? ['-c', 'faultInjection=true'] : []),
  ];
  await cdk(['bootstrap', 'aws://000000000000/us-east-1', ...context], options.logFile);
  await cdk(['deploy', '--all', '--require-approval', 'never', '--outputs-file', outputsFile, '--progress', 'events', ...context], options.logFile);
  const outputs = readOutputs();
  useLocalAws();
  await applyBucketShims(path.join(repoRoot, 'cdk.out', `${PREFIX}-Data.template.json`), outputs.AuditBucketName);
  return outputs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outputs = await deployLocal();
  console.log(JSON.stringify(outputs, null, 2));
}
