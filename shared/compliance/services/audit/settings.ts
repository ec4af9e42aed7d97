import { z } from 'zod';

/** What the audit functions need beyond the audit table: the write-once bucket and the signing key. */
export const auditSettingsConfig = z.object({ AUDIT_BUCKET: z.string().min(1), SIGNING_KEY_ID: z.string().min(1) });
