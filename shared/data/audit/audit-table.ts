import { Table } from 'dynamodb-toolbox/table';
import { z } from 'zod';
import { documentClient } from '../../aws/dynamodb.js';
import { loadConfig } from '../../config.js';

const { AUDIT_TABLE_NAME } = loadConfig(z.object({ AUDIT_TABLE_NAME: z.string().min(1) }));

/**
 * The audit trail's own table, apart from the business table so that its
 * append-only rule can be granted: writers get PutItem (always conditional on
 * the item being absent) and nothing may update or delete. Three sparse
 * indexes serve the compliance queries: by UTC day, by customer, by product.
 */
export const auditTable = new Table({
  documentClient,
  name: AUDIT_TABLE_NAME,
  partitionKey: { name: 'PK', type: 'string' },
  sortKey: { name: 'SK', type: 'string' },
  indexes: {
    ByDay: { type: 'global', partitionKey: { name: 'day', type: 'string' }, sortKey: { name: 'timeKey', type: 'string' } },
    ByCustomer: { type: 'global', partitionKey: { name: 'customerRef', type: 'string' }, sortKey: { name: 'timeKey', type: 'string' } },
    ByProduct: { type: 'global', partitionKey: { name: 'productRef', type: 'string' }, sortKey: { name: 'timeKey', type: 'string' } },
  },
  entityAttributeSavedAs: '_et',
});
