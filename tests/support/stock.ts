import { lotsOf } from '../../shared/inventory/data/stock-repository.js';

/** Available units per lot of a product, read straight from the table. */
export async function availableStock(gtin: string): Promise<Record<string, number>> {
  return Object.fromEntries((await lotsOf(gtin)).map((lot) => [lot.lotNumber, lot.available]));
}
