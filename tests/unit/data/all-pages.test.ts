import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Reads that must return everything under a key (a recall names every
 * recipient, an audit chain is verified whole, an order's record is archived
 * with its whole timeline) read every page: a Query page stops at 1 MB. The
 * table is replaced by a client whose first Query page ends with a
 * LastEvaluatedKey and whose second is the last.
 */
const dynamo = vi.hoisted(() => ({ queries: [] as Record<string, unknown>[] }));

vi.mock('../../../shared/platform/aws/dynamodb.js', () => ({
  dynamoDbClient: {},
  documentClient: {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      if (command.constructor.name !== 'QueryCommand') throw new Error(`unexpected ${command.constructor.name}`);
      dynamo.queries.push(command.input);
      return dynamo.queries.length === 1 ? { Items: [], LastEvaluatedKey: { PK: 'page-1-end', SK: 'x' } } : { Items: [] };
    },
  },
}));

const gtin = '05012345678900';
const orderId = 'ORD-01JQ8Z3M4N5P6R7S8T9V0W1X2Y';

const reads: Record<string, () => Promise<unknown>> = {};

beforeAll(async () => {
  process.env.TABLE_NAME ??= 'unit-test-table';
  process.env.AUDIT_TABLE_NAME ??= 'unit-test-audit';
  process.env.AUDIT_DAY_SHARDS ??= '4';
  process.env.AUDIT_LIVE_DAYS ??= '30';
  const [audit, segments, batches, masterRecords, exposure, stock, trace, inventory, recalls] = await Promise.all([
    import('../../../shared/compliance/data/audit/audit-repository.js'),
    import('../../../shared/compliance/data/audit/segment-repository.js'),
    import('../../../shared/channels/data/batch-repository.js'),
    import('../../../shared/master-data/data/master-record-repository.js'),
    import('../../../shared/approvals/data/exposure-repository.js'),
    import('../../../shared/inventory/data/stock-repository.js'),
    import('../../../shared/inventory/data/trace-repository.js'),
    import('../../../shared/inventory/data/inventory-repository.js'),
    import('../../../shared/recalls/data/recall-repository.js'),
  ]);
  Object.assign(reads, {
    'the events of an audit chain': () => audit.chainEvents('ORDER#1'),
    'the events of an audit chain after a position': () => audit.chainEventsAfter('ORDER#1', 10),
    'the sealed segments of a chain': () => segments.segmentsOf('ORDER#1'),
    'the segments filed under a day': () => segments.segmentsFiledUnder('DAY', '2026-11-25', '2026-11-25T00:00:00.000Z', '2026-11-25T23:59:59.999Z'),
    'the order results of a batch': () => batches.resultsOf('BAT-1'),
    'the current master records of a kind': () => masterRecords.listCurrent('customers'),
    'the versions of a master record': () => masterRecords.versionsOf('customers', 'CUST-1'),
    "a customer's open exposure": () => exposure.openExposureOf('CUST-1', orderId),
    'the lots of a product': () => stock.lotsOf(gtin),
    'the shipments of a lot': () => stock.shipmentsOf(gtin, 'L1'),
    'the receipts of a lot': () => trace.receiptsOf(gtin, 'L1'),
    'the history of a lot': () => inventory.lotHistory(gtin, 'L1'),
    'the consignees of a recall': () => recalls.consigneesOf('RCL-1'),
  });
});

beforeEach(() => {
  dynamo.queries.length = 0;
});

describe('given a query answer longer than one page', () => {
  it('when the reads are listed, then the check below is not vacuous', () => {
    expect(Object.keys(reads)).toHaveLength(13);
  });

  it.each([
    'the events of an audit chain',
    'the events of an audit chain after a position',
    'the sealed segments of a chain',
    'the segments filed under a day',
    'the order results of a batch',
    'the current master records of a kind',
    'the versions of a master record',
    "a customer's open exposure",
    'the lots of a product',
    'the shipments of a lot',
    'the receipts of a lot',
    'the history of a lot',
    'the consignees of a recall',
  ])('when %s is read, then the second page is read from where the first ended', async (name) => {
    await reads[name]!();
    expect(dynamo.queries).toHaveLength(2);
    expect(dynamo.queries[0]!.ExclusiveStartKey).toBeUndefined();
    expect(dynamo.queries[1]!.ExclusiveStartKey).toEqual({ PK: 'page-1-end', SK: 'x' });
    expect({ ...dynamo.queries[1], ExclusiveStartKey: undefined }).toEqual({ ...dynamo.queries[0], ExclusiveStartKey: undefined });
  });
});
