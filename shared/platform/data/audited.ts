import { string } from 'dynamodb-toolbox/schema';

/**
 * Who wrote an item and why, read by the audit trail derived from the table's
 * stream (`user:<name>` for staff, `system:<component>` for workflow steps).
 */
export const audited = { changedBy: string().optional(), changeReason: string().optional() };
