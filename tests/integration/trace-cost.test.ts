import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { newOrderId, newReceiptId } from '../../shared/platform/domain/ids.js';
import { uniqueGtin, uniqueId } from '../support/fixtures.js';
import { deployedStack } from '../support/stack.js';

const SHIPMENTS = 10_000;

/** DynamoDB's item size rule: attribute names plus values (strings in UTF-8, numbers about one byte per two digits plus one). */
function itemBytes(item: Record<string, unknown>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name);
    if (typeof value === 'string') bytes += Buffer.byteLength(value);
    else if (typeof value === 'number') bytes += Math.ceil(String(Math.abs(value)).replace('.', '').length / 2) + 1;
    else if (typeof value === 'boolean' || value === null) bytes += 1;
    else bytes += Buffer.byteLength(JSON.stringify(value)) + 3;
  }
  return bytes;
}
const CUSTOMERS = 400;

/**
 * The recall question "who received lot X" for a lot shipped 10,000 times:
 * answered from one partition, never a scan. The test writes the shipment
 * records directly (as the Ship step does, 25 per batch) and measures the
 * read: pages, bytes and capacity units as the emulated DynamoDB reports them.
 */
describe(`given a lot shipped ${SHIPMENTS} times to ${CUSTOMERS} customers, against the emulated table`, () => {
  deployedStack();
  const gtin = uniqueGtin();
  const lotNumber = 'RECALL1';

  beforeAll(async () => {
    const { BatchPutRequest } = await import('dynamodb-toolbox/entity/actions/batchPut');
    const { BatchWriteCommand, execute } = await import('dynamodb-toolbox/table/actions/batchWrite');
    const { LotShipmentEntity } = await import('../../shared/inventory/data/stock-entities.js');
    const { table } = await import('../../shared/platform/data/table.js');
    const inventory = await import('../../shared/inventory/data/inventory-repository.js');
    await inventory.recordReceipt({
      receiptId: newReceiptId(),
      supplierId: 'SUP-RECALL',
      deliveryNote: uniqueId('DN'),
      receivedAt: '2026-01-05T08:00:00.000Z',
      receivedBy: 'user:test',
      lots: [{ gtin, lotNumber, expiry: '2030-12-31', quantity: SHIPMENTS * 2, serials: [], serialControlled: false }],
    });
    const shipments = Array.from({ length: SHIPMENTS }, (_, index) => ({
      gtin,
      lotNumber,
      orderId: newOrderId(new Date(Date.UTC(2026, 1, 1) + index * 60_000)),
      lineNo: 1,
      customerId: `CUST-RECALL-${String(index % CUSTOMERS).padStart(4, '0')}`,
      expiry: '2030-12-31',
      quantity: 2,
      shippedAt: new Date(Date.UTC(2026, 1, 1) + index * 60_000).toISOString(),
    }));
    const batches = [];
    for (let start = 0; start < shipments.length; start += 25) batches.push(shipments.slice(start, start + 25));
    const writeBatch = (batch: typeof shipments) =>
      execute(
        { maxAttempts: 10 },
        table.build(BatchWriteCommand).requests(...batch.map((shipment) => LotShipmentEntity.build(BatchPutRequest).item(shipment))),
      );
    for (let start = 0; start < batches.length; start += 16) await Promise.all(batches.slice(start, start + 16).map(writeBatch));
  }, 600_000);

  it('when the lot is traced, then every consignee comes back with its quantity and dates, from one query path', async () => {
    const { traceLot } = await import('../../shared/inventory/services/trace.js');
    const started = performance.now();
    const trace = await traceLot(gtin, lotNumber);
    const elapsed = performance.now() - started;
    expect(trace?.shipments).toHaveLength(SHIPMENTS);
    expect(trace?.shippedQuantity).toBe(SHIPMENTS * 2);
    expect(trace?.consignees).toHaveLength(CUSTOMERS);
    expect(trace?.consignees[0]).toMatchObject({ customerId: 'CUST-RECALL-0000', quantity: (SHIPMENTS / CUSTOMERS) * 2, orders: expect.any(Array) });
    expect(trace?.consignees[0]?.orders).toHaveLength(SHIPMENTS / CUSTOMERS);
    expect(trace?.suppliers).toEqual([expect.objectContaining({ supplierId: 'SUP-RECALL' })]);

    // The same key condition as the trace's access pattern, with the capacity report switched on.
    const { documentClient } = await import('../../shared/platform/aws/dynamodb.js');
    let pages = 0;
    let items = 0;
    let capacityUnits = 0;
    let itemBytesRead = 0;
    let computedUnits = 0;
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: process.env.TABLE_NAME,
          KeyConditionExpression: 'PK = :lot',
          ExpressionAttributeValues: { ':lot': `LOT#${gtin}#${lotNumber}` },
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      pages += 1;
      items += page.Count ?? 0;
      capacityUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
      const pageBytes = (page.Items ?? []).reduce((sum, item) => sum + itemBytes(item), 0);
      itemBytesRead += pageBytes;
      // A query is charged on the summed size of the items it reads, per 4 KB, per page.
      computedUnits += Math.ceil(pageBytes / 4096);
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
    console.log(
      `lot trace for ${SHIPMENTS} shipments: ${items} items, ${Math.round(itemBytesRead / 1024)} KiB, in ${pages} query page(s); ` +
        `${computedUnits} RCU strongly consistent by the DynamoDB size rule (${Math.ceil(computedUnits / 2)} eventually consistent; the emulator reports ${capacityUnits}), ` +
        `plus ${Math.ceil(CUSTOMERS / 100)} BatchGetItem calls for ${CUSTOMERS} consignees; ${Math.round(elapsed)} ms end to end on the emulator`,
    );
    expect(items).toBe(SHIPMENTS + 3); // shipments + registry + receipt + RECEIVED event
    expect(pages).toBeLessThanOrEqual(10);
  }, 300_000);
});
