import { z } from 'zod';

/** What the audit functions need beyond the audit table: the write-once bucket and the signing key. */
export const auditSettingsConfig = z.object({ AUDIT_BUCKET: z.string().min(1), SIGNING_KEY_ID: z.string().min(1) });

/**
 * The audit table and its layout, read by the audit table module
 * (shared/compliance/data/audit/audit-table.ts) of every function that
 * touches the trail: each such function declares these settings.
 */
export const auditTableConfig = z.object({
  AUDIT_TABLE_NAME: z.string().min(1),
  AUDIT_DAY_SHARDS: z.coerce.number().int().min(1).max(64),
  AUDIT_LIVE_DAYS: z.coerce.number().int().min(7),
});
