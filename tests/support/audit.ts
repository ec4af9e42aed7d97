import type { StackOutputs } from '../../infra/local/deploy.js';

/** Points the audit repositories at the deployed audit table, laid out as the stack deployed it; call before importing them. */
export function useAuditTable(outputs: StackOutputs): void {
  process.env.AUDIT_TABLE_NAME = outputs.AuditTableName;
  process.env.AUDIT_DAY_SHARDS = outputs.AuditDayShards;
  process.env.AUDIT_LIVE_DAYS = outputs.AuditLiveDays;
}

/**
 * How long a test waits for table changes to reach the audit trail. On AWS the
 * stream consumer follows within seconds; on the emulator one consumer reads
 * the single shard, and after the bulk tests (a 10,000-row batch, receipts of
 * hundreds of serials) it can be minutes behind.
 */
export const AUDIT_TRAIL_LAG_MS = 240_000;
/** Timeout of a test that waits for the trail: the lag plus the test's own work. */
export const AUDIT_TEST_TIMEOUT_MS = AUDIT_TRAIL_LAG_MS + 60_000;
