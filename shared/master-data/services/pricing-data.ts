import { contractIdsOf, findCurrent, findVersionAsOf, listCurrent, type MasterCurrentRecord } from '../data/master-record-repository.js';
import type { ContractTerms, PriceListTerms, PricingMasterData, PromotionTerms } from '../domain/pricing.js';
import { ContractData, CustomerData, PriceListData, PromotionData, type MasterKind } from '../schemas/master-data.js';

/** The version of a record in force at `asOf`: the current one when it is old enough, else from its history. */
async function dataAsOf(kind: MasterKind, current: MasterCurrentRecord, asOf: string): Promise<unknown> {
  if (current.recordedAt <= asOf) return current.data;
  return (await findVersionAsOf(kind, current.id, asOf))?.data;
}

/** Versions in force at `asOf`; what comes back from the table is parsed, never cast. */
async function allAsOf(kind: MasterKind, currents: readonly MasterCurrentRecord[], asOf: string): Promise<unknown[]> {
  const versions = await Promise.all(currents.map((current) => dataAsOf(kind, current, asOf)));
  return versions.filter((data) => data !== undefined);
}

export interface PricingInputs {
  customer: CustomerData;
  data: PricingMasterData;
}

/**
 * The master data an order is priced with, as it was recorded at `asOf` (the
 * order's creation): the customer, every price list and promotion, and the
 * customer's contracts. Whether each one is valid on the order date, in scope
 * and in the right currency is the pricing engine's decision, not the loader's.
 */
export async function pricingInputsAsOf(customerId: string, asOf: string): Promise<PricingInputs | undefined> {
  const customerVersion = await findVersionAsOf('customers', customerId, asOf);
  if (!customerVersion) return undefined;
  const [priceLists, promotions, contracts] = await Promise.all([
    listCurrent('price-lists').then((items) => allAsOf('price-lists', items, asOf)),
    listCurrent('promotions').then((items) => allAsOf('promotions', items, asOf)),
    contractIdsOf(customerId)
      .then((ids) => Promise.all(ids.map((id) => findCurrent('contracts', id))))
      .then((items) =>
        allAsOf(
          'contracts',
          items.filter((item): item is MasterCurrentRecord => item !== undefined),
          asOf,
        ),
      ),
  ]);
  return {
    customer: CustomerData.parse(customerVersion.data),
    data: {
      priceLists: priceLists.map((list): PriceListTerms => PriceListData.parse(list)),
      contracts: contracts.map((contract): ContractTerms => ContractData.parse(contract)),
      promotions: promotions.map((promotion): PromotionTerms => PromotionData.parse(promotion)),
    },
  };
}
