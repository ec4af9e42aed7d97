import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { CustomerEntity, PriceEntryEntity, PriceListEntity, ProductEntity } from '../../shared/data/entities/master-data.js';
import { StockLotEntity } from '../../shared/data/entities/stock.js';
import { isConditionFailure } from '../../shared/data/errors.js';

export interface MasterData {
  priceList: { priceListId: string; name: string; currency: string };
  customers: {
    customerId: string;
    legalName: string;
    status: 'ACTIVE' | 'BLOCKED';
    creditLimit: string;
    currency: string;
    priceListId: string;
    paymentTermsDays: number;
    minRemainingShelfLifeDays: number;
    contactEmail: string;
    licences?: { deviceClass: 'I' | 'IIa' | 'IIb' | 'III'; number: string; expiry: string }[];
  }[];
  products: {
    gtin: string;
    name: string;
    deviceClass: 'I' | 'IIa' | 'IIb' | 'III';
    unitPrice: string;
    shelfLifeDays: number;
    retentionYears: number;
    serialControlled?: boolean;
  }[];
  lots: { gtin: string; lotNumber: string; expiry: string; quantity: number; status: 'RELEASED' | 'QUARANTINED' | 'ON_HOLD' | 'REJECTED' }[];
}

async function putIfAbsent(put: () => Promise<unknown>): Promise<void> {
  try {
    await put();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Master data until the master-data API exists; written through the production entities. */
export async function seedMasterData(data: MasterData): Promise<void> {
  const absent = <A extends string>(attr: A) => ({ condition: { attr, exists: false as const } });
  await putIfAbsent(() => PriceListEntity.build(PutItemCommand).item(data.priceList).options(absent('priceListId')).send());
  for (const customer of data.customers) {
    await putIfAbsent(() => CustomerEntity.build(PutItemCommand).item(customer).options(absent('customerId')).send());
  }
  for (const { unitPrice, serialControlled = false, ...product } of data.products) {
    await putIfAbsent(() =>
      ProductEntity.build(PutItemCommand)
        .item({ ...product, regulatoryStatus: 'RELEASED', unitOfMeasure: 'EA', lotControlled: true, serialControlled })
        .options(absent('gtin'))
        .send(),
    );
    await putIfAbsent(() =>
      PriceEntryEntity.build(PutItemCommand).item({ priceListId: data.priceList.priceListId, gtin: product.gtin, unitPrice }).options(absent('gtin')).send(),
    );
  }
  for (const { quantity, ...lot } of data.lots) {
    await putIfAbsent(() =>
      StockLotEntity.build(PutItemCommand)
        .item({ ...lot, onHand: quantity, reserved: 0, available: quantity })
        .options(absent('lotNumber'))
        .send(),
    );
  }
}
