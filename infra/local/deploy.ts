import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { applyBucketShims } from './shims.js';
import { LOCAL_SHIP_FROM, localAwsEnv, localDir, repoRoot, useLocalAws } from './settings.js';

export const PREFIX = 'O2c';
const outputsFile = path.join(localDir, 'outputs.json');

export const StackOutputs = z.object({
  ApiUrl: z.string(),
  ApiId: z.string(),
  StateMachineArn: z.string(),
  UserPoolId: z.string(),
  PortalClientId: z.string(),
  EdiClientId: z.string(),
  BatchClientId: z.string(),
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

function cdk(args: string[]): void {
  const result = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'cdk'), args, {
    cwd: repoRoot,
    env: localAwsEnv(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`cdk ${args[0]} failed (exit ${result.status})`);
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
}

/**
 * Deploys the same CDK app as on AWS to the emulator: bootstrap, deploy both
 * stacks, then apply the settings the emulator's CloudFormation ignores.
 */
export async function deployLocal(options: LocalDeployOptions = { approvalEscalationSeconds: 600 }): Promise<StackOutputs> {
  const context = [
    '-c', 'local=true',
    '-c', `prefix=${PREFIX}`,
    '-c', `approvalEscalationSeconds=${options.approvalEscalationSeconds}`,
    '-c', 'auditRetentionYears=1',
    '-c', `shipFrom=${JSON.stringify(LOCAL_SHIP_FROM)}`,
    ...(options.pickTimeoutSeconds ? ['-c', `pickTimeoutSeconds=${options.pickTimeoutSeconds}`] : []),
    '-c', 'auditArchiveRetentionYears=1',
    ...(options.stockWait
      ? ['-c', `stockWaitSeconds=${options.stockWait.waitSeconds}`, '-c', `stockRecheckSeconds=${options.stockWait.recheckSeconds}`]
      : []),
  ];
  cdk(['bootstrap', 'aws://000000000000/us-east-1', ...context]);
  cdk(['deploy', '--all', '--require-approval', 'never', '--outputs-file', outputsFile, '--progress', 'events', ...context]);
  const outputs = readOutputs();
  useLocalAws();
  await applyBucketShims(path.join(repoRoot, 'cdk.out', `${PREFIX}-Data.template.json`), outputs.AuditBucketName);
  return outputs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outputs = await deployLocal();
  console.log(JSON.stringify(outputs, null, 2));
}
