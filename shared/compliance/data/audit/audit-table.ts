import { Table } from 'dynamodb-toolbox/table';
import type { z } from 'zod';
import { documentClient } from '../../../platform/aws/dynamodb.js';
import { loadConfig } from '../../../platform/config.js';
import { auditTableConfig } from './audit-table-settings.js';

let config: z.infer<typeof auditTableConfig> | undefined;

/**
 * The audit settings, read on first use rather than at import (see
 * platform/data/table.ts): a missing or malformed one fails the first audit
 * call with loadConfig's message naming it. A failed read is not remembered.
 */
function auditConfig(): z.infer<typeof auditTableConfig> {
  config ??= loadConfig(auditTableConfig);
  return config;
}

/** How the trail is laid out: shards of the by-day index, and how long an event stays live before TTL may expire it. */
export const auditLayout = {
  get dayShards(): number {
    return auditConfig().AUDIT_DAY_SHARDS;
  },
  get liveDays(): number {
    return auditConfig().AUDIT_LIVE_DAYS;
  },
};

/**
 * The audit trail's own table, apart from the business table so that its
 * append-only rule can be granted: writers get PutItem (always conditional on
 * the item being absent) and nothing may update or delete. Three sparse
 * indexes serve the compliance queries: by UTC day (sharded), by customer, by
 * product. Events carry a TTL set at insert; the archive seals them long before.
 */
export const auditTable = new Table({
  documentClient,
  name: () => auditConfig().AUDIT_TABLE_NAME,
  partitionKey: { name: 'PK', type: 'string' },
  sortKey: { name: 'SK', type: 'string' },
  indexes: {
    ByDay: { type: 'global', partitionKey: { name: 'day', type: 'string' }, sortKey: { name: 'timeKey', type: 'string' } },
    ByCustomer: { type: 'global', partitionKey: { name: 'customerRef', type: 'string' }, sortKey: { name: 'timeKey', type: 'string' } },
    ByProduct: { type: 'global', partitionKey: { name: 'productRef', type: 'string' }, sortKey: { name: 'timeKey', type: 'string' } },
  },
  entityAttributeSavedAs: '_et',
});
