import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { BatchGetCommand, execute as executeBatchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import { CustomerEntity, ProductEntity } from './entities/master-data.js';
import { table } from './table.js';

export type CustomerRecord = FormattedItem<typeof CustomerEntity>;
export type ProductRecord = FormattedItem<typeof ProductEntity>;

export async function findCustomer(customerId: string): Promise<CustomerRecord | undefined> {
  const { Item } = await CustomerEntity.build(GetItemCommand).key({ customerId }).send();
  return Item;
}

/** Products by GTIN; GTINs not in master data are simply absent from the map. */
export async function findProducts(gtins: readonly string[]): Promise<Map<string, ProductRecord>> {
  const unique = [...new Set(gtins)];
  if (unique.length === 0) return new Map();
  const command = table
    .build(BatchGetCommand)
    .requests(...unique.map((gtin) => ProductEntity.build(BatchGetRequest).key({ gtin })));
  const { Responses } = await executeBatchGet({ maxAttempts: 5 }, command);
  const [products = []] = Responses ?? [];
  return new Map(products.filter((p): p is ProductRecord => p !== undefined).map((p) => [p.gtin, p]));
}
