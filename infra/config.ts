import type { App } from 'aws-cdk-lib';

/** Deployment settings, from CDK context (`-c key=value` or cdk.json); every one has a documented default. */
export interface DeploymentConfig {
  /** Stack name prefix, so several copies can live in one account. */
  prefix: string;
  /** Default COMPLIANCE retention of the audit bucket, in years (EU MDR asks 10, 15 for implantables). */
  auditRetentionYears: number;
  /** Orders above this total need an approval. */
  orderValueApprovalThreshold: string;
  approvalTimeoutMinutes: number;
  senderEmail: string;
  approverEmail: string;
  /** Cognito hosted domain prefix for the OAuth2 token endpoint; globally unique on AWS. */
  authDomainPrefix: string;
  /** true when deploying to the local emulator: only changes removal policies, never behaviour. */
  local: boolean;
}

export function readConfig(app: App): DeploymentConfig {
  const get = (key: string, fallback: string): string => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? fallback : String(value);
  };
  const positive = (key: string, fallback: string): number => {
    const value = Number(get(key, fallback));
    if (!Number.isInteger(value) || value <= 0) throw new Error(`context ${key} must be a positive integer`);
    return value;
  };
  return {
    prefix: get('prefix', 'O2c'),
    auditRetentionYears: positive('auditRetentionYears', '10'),
    orderValueApprovalThreshold: get('orderValueApprovalThreshold', '10000.00'),
    approvalTimeoutMinutes: positive('approvalTimeoutMinutes', String(3 * 24 * 60)),
    senderEmail: get('senderEmail', 'orders@o2c.example.com'),
    approverEmail: get('approverEmail', 'approvers@o2c.example.com'),
    authDomainPrefix: get('authDomainPrefix', 'o2c-orders'),
    local: get('local', 'false') === 'true',
  };
}
