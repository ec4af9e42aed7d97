import { BatchWriteCommand, execute } from 'dynamodb-toolbox/table/actions/batchWrite';
import { BatchPutRequest } from 'dynamodb-toolbox/entity/actions/batchPut';

const BATCH = 25; // BatchWriteItem's limit
const IN_FLIGHT = 4;

/** Writes `count` LotShipment items for one lot through the production entity, 25 per BatchWriteItem. */
export async function writeShipments(gtin: string, lotNumber: string, count: number): Promise<void> {
  const { LotShipmentEntity } = await import('../../../shared/inventory/data/stock-entities.js');
  const { table } = await import('../../../shared/platform/data/table.js');
  const batches: number[][] = [];
  for (let start = 0; start < count; start += BATCH) {
    batches.push(Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => start + i));
  }
  const writeBatch = (indexes: number[]) =>
    execute(
      { maxAttempts: 10 },
      table.build(BatchWriteCommand).requests(
        ...indexes.map((n) =>
          LotShipmentEntity.build(BatchPutRequest).item({
            gtin,
            lotNumber,
            orderId: `ORD-TRACE-${String(n).padStart(8, '0')}`,
            lineNo: 1,
            customerId: `CUST-TRACE-${n % 500}`,
            expiry: '2031-12-31',
            quantity: 1 + (n % 20),
            shippedAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
          }),
        ),
      ),
    );
  for (let next = 0; next < batches.length; next += IN_FLIGHT) {
    await Promise.all(batches.slice(next, next + IN_FLIGHT).map(writeBatch));
  }
}
