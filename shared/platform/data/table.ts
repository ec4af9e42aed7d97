import { Table } from 'dynamodb-toolbox/table';
import { documentClient } from '../aws/dynamodb.js';
import { loadConfig, tableConfig } from '../config.js';

let tableName: string | undefined;

/**
 * The table's name, read from TABLE_NAME on the first request rather than at
 * import: importing a repository (a unit test, a script, a handler's module
 * graph) needs no environment, and a function deployed without the setting
 * still fails on its first table call with loadConfig's message naming it.
 * A failed read is not remembered, so setting the variable later works.
 */
function businessTableName(): string {
  tableName ??= loadConfig(tableConfig).TABLE_NAME;
  return tableName;
}

/** The single table: every aggregate lives here, told apart by key prefixes (see access-patterns.md). */
export const table = new Table({
  documentClient,
  // dynamodb-toolbox v2 accepts a getter and calls it whenever a command is built (Table.getName).
  name: businessTableName,
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
