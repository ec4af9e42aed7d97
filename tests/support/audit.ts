import { STREAM_CONSUMER_LAG_MS, STREAM_TEST_TIMEOUT_MS } from './stream.js';
import type { StackOutputs } from '../../infra/local/deploy.js';

/** Points the audit repositories at the deployed audit table, laid out as the stack deployed it; call before importing them. */
export function useAuditTable(outputs: StackOutputs): void {
  process.env.AUDIT_TABLE_NAME = outputs.AuditTableName;
  process.env.AUDIT_DAY_SHARDS = outputs.AuditDayShards;
  process.env.AUDIT_LIVE_DAYS = outputs.AuditLiveDays;
}

/** How long a test waits for table changes to reach the audit trail (see stream.ts). */
export const AUDIT_TRAIL_LAG_MS = STREAM_CONSUMER_LAG_MS;
export const AUDIT_TEST_TIMEOUT_MS = STREAM_TEST_TIMEOUT_MS;
