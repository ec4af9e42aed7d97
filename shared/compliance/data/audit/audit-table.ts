import { Table } from 'dynamodb-toolbox/table';
import { documentClient } from '../../../platform/aws/dynamodb.js';
import { loadConfig } from '../../../platform/config.js';
import { auditTableConfig } from './audit-table-settings.js';

const config = loadConfig(auditTableConfig);

/** How the trail is laid out: shards of the by-day index, and how long an event stays live before TTL may expire it. */
export const auditLayout = { dayShards: config.AUDIT_DAY_SHARDS, liveDays: config.AUDIT_LIVE_DAYS };

/**
 * The audit trail's own table, apart from the business table so that its
 * append-only rule can be granted: writers get PutItem (always conditional on
 * the item being absent) and nothing may update or delete. Three sparse
 * indexes serve the compliance queries: by UTC day (sharded), by customer, by
 * product. Events carry a TTL set at insert; the archive seals them long before.
 */
export const auditTable = new Table({
  documentClient,
  name: config.AUDIT_TABLE_NAME,
  partitionKey: { name: 'PK', type: 'string' },
  sortKey: { name: 'SK', type: 'string' },
  indexes: {
    ByDay: { type: 'global', partitionKey: { name: 'day', type: 'string' }, sortKey: { name: 'timeKey', type: 'string' } },
    ByCustomer: { type: 'global', partitionKey: { name: 'customerRef', type: 'string' }, sortKey: { name: 'timeKey', type: 'string' } },
    ByProduct: { type: 'global', partitionKey: { name: 'productRef', type: 'string' }, sortKey: { name: 'timeKey', type: 'string' } },
  },
  entityAttributeSavedAs: '_et',
});
