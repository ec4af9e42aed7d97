import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { uniqueGtin } from '../support/fixtures.js';

describe('given a lot shipped more often than one Query page (1 MB) can hold, against the emulated table', () => {
  deployedStack();
  const gtin = uniqueGtin();
  // About 290 bytes per trace record: 4,000 of them are well over 1 MB.
  const SHIPMENTS = 4_000;

  beforeAll(async () => {
    const { BatchWriteCommand, execute } = await import('dynamodb-toolbox/table/actions/batchWrite');
    const { BatchPutRequest } = await import('dynamodb-toolbox/entity/actions/batchPut');
    const { LotShipmentEntity } = await import('../../shared/inventory/data/stock-entities.js');
    const { table } = await import('../../shared/platform/data/table.js');
    const shipment = (n: number) =>
      LotShipmentEntity.build(BatchPutRequest).item({
        gtin,
        lotNumber: 'BIG1',
        orderId: `ORD-TRACE-${String(n).padStart(8, '0')}`,
        lineNo: 1,
        customerId: `CUST-TRACE-${n % 500}`,
        expiry: '2031-12-31',
        quantity: 1,
        shippedAt: '2026-01-01T00:00:00.000Z',
      });
    for (let start = 0; start < SHIPMENTS; start += 25) {
      await execute({ maxAttempts: 10 }, table.build(BatchWriteCommand).requests(...Array.from({ length: 25 }, (_, i) => shipment(start + i))));
    }
  });

  it('when the lot is traced, then every recipient is returned, not just the first page', async () => {
    const { shipmentsOf } = await import('../../shared/inventory/data/stock-repository.js');
    const shipments = await shipmentsOf(gtin, 'BIG1');
    expect(shipments).toHaveLength(SHIPMENTS);
    expect(new Set(shipments.map((s) => s.orderId)).size).toBe(SHIPMENTS);
  });
});
