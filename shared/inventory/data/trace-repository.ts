import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import { string } from 'dynamodb-toolbox/schema';
import { BatchGetCommand, execute as executeBatchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { LotReceiptEntity } from './inventory-entities.js';
import { CustomerEntity } from '../../master-data/data/entities.js';
import { table } from '../../platform/data/table.js';

export type CustomerRecord = FormattedItem<typeof CustomerEntity>;
export type LotReceiptRecord = FormattedItem<typeof LotReceiptEntity>;

/** Access pattern 16: the receipts (suppliers) of a lot, without reading its shipments. */
const receiptsOfLot = LotReceiptEntity.build(AccessPattern)
  .schema(string())
  .pattern((lotKey) => ({ partition: lotKey, range: { beginsWith: 'RECEIPT#' } }))
  .meta({ title: 'Receipts of a lot (who supplied it)', description: 'Access pattern 16' });

export async function receiptsOf(gtin: string, lotNumber: string): Promise<LotReceiptRecord[]> {
  const { Items = [] } = await receiptsOfLot.query(`LOT#${gtin}#${lotNumber}`).options({ maxPages: Infinity }).send();
  return Items;
}

/** Customers by id, 100 per BatchGetItem; ids not in master data are absent from the map. */
export async function findCustomers(customerIds: readonly string[]): Promise<Map<string, CustomerRecord>> {
  const unique = [...new Set(customerIds)];
  const found = new Map<string, CustomerRecord>();
  for (let start = 0; start < unique.length; start += 100) {
    const command = table
      .build(BatchGetCommand)
      .requests(...unique.slice(start, start + 100).map((customerId) => CustomerEntity.build(BatchGetRequest).key({ customerId })));
    const { Responses } = await executeBatchGet({ maxAttempts: 5 }, command);
    for (const customer of Responses?.[0] ?? []) if (customer) found.set(customer.customerId, customer);
  }
  return found;
}
