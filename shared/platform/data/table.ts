import { Table } from 'dynamodb-toolbox/table';
import { documentClient } from '../aws/dynamodb.js';
import { loadConfig, tableConfig } from '../config.js';

const { TABLE_NAME } = loadConfig(tableConfig);

/** The single table: every aggregate lives here, told apart by key prefixes (see access-patterns.md). */
export const table = new Table({
  documentClient,
  name: TABLE_NAME,
  partitionKey: { name: 'PK', type: 'string' },
  sortKey: { name: 'SK', type: 'string' },
  indexes: {
    GSI1: {
      type: 'global',
      partitionKey: { name: 'GSI1PK', type: 'string' },
      sortKey: { name: 'GSI1SK', type: 'string' },
    },
  },
  entityAttributeSavedAs: '_et',
});
