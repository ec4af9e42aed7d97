import { z } from 'zod';

/**
 * The audit table and its layout, read by the audit table module
 * (audit-table.ts) of every function that touches the trail: each such
 * function declares these settings (shared/compliance/{routes,functions}.ts).
 */
export const auditTableConfig = z.object({
  AUDIT_TABLE_NAME: z.string().min(1),
  AUDIT_DAY_SHARDS: z.coerce.number().int().min(1).max(64),
  AUDIT_LIVE_DAYS: z.coerce.number().int().min(7),
});
