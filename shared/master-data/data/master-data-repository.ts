import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { BatchGetCommand, execute as executeBatchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import { CustomerEntity, ProductEntity } from './entities.js';
import { table } from '../../platform/data/table.js';

export type CustomerRecord = FormattedItem<typeof CustomerEntity>;
export type ProductRecord = FormattedItem<typeof ProductEntity>;

export async function findCustomer(customerId: string): Promise<CustomerRecord | undefined> {
  const { Item } = await CustomerEntity.build(GetItemCommand).key({ customerId }).send();
  return Item;
}

/** BatchGetItem reads at most 100 keys per call. */
const BATCH_GET_LIMIT = 100;

/** Products by GTIN; GTINs not in master data are simply absent from the map. */
export async function findProducts(gtins: readonly string[]): Promise<Map<string, ProductRecord>> {
  const unique = [...new Set(gtins)];
  if (unique.length === 0) return new Map();
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) chunks.push(unique.slice(i, i + BATCH_GET_LIMIT));
  const pages = await Promise.all(
    chunks.map(async (chunk) => {
      const command = table.build(BatchGetCommand).requests(...chunk.map((gtin) => ProductEntity.build(BatchGetRequest).key({ gtin })));
      const { Responses } = await executeBatchGet({ maxAttempts: 5 }, command);
      const [products = []] = Responses ?? [];
      return products.filter((p): p is ProductRecord => p !== undefined);
    }),
  );
  return new Map(pages.flat().map((p) => [p.gtin, p]));
}
