import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { LotRegistryEntity } from '../../shared/inventory/data/inventory-entities.js';
import { StockLotEntity } from '../../shared/inventory/data/stock-entities.js';
import { isConditionFailure } from '../../shared/platform/data/errors.js';
import { MASTER_SCHEMAS, type MasterKind } from '../../shared/master-data/schemas/master-data.js';
import { createMasterRecord, StaleVersionError } from '../../shared/master-data/services/master-data.js';

export interface MasterData {
  priceList: { priceListId: string; name: string; currency: string; validFrom?: string };
  customers: {
    customerId: string;
    legalName: string;
    status: 'ACTIVE' | 'BLOCKED';
    creditLimit: string;
    currency: string;
    priceListId?: string;
    customerGroup?: string;
    paymentTermsDays: number;
    minRemainingShelfLifeDays: number;
    contactEmail: string;
    licences?: { deviceClass: 'I' | 'IIa' | 'IIb' | 'III'; number: string; expiry: string }[];
    /** The channels the customer orders through (intake refuses the others). */
    channels?: ('portal' | 'edi' | 'batch')[];
    shipTo?: { name: string; line1: string; city: string; postalCode: string; country: string }[];
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
  /** EDI trading partners and their product cross-references (master kinds trading-partners, product-xrefs). */
  tradingPartners?: unknown[];
  productXrefs?: unknown[];
}

async function putIfAbsent(put: () => Promise<unknown>): Promise<void> {
  try {
    await put();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Creates a master record as version 1 unless it exists: seed data that exists is left alone. */
async function createIfAbsent(kind: MasterKind, data: unknown): Promise<void> {
  try {
    await createMasterRecord(kind, MASTER_SCHEMAS[kind].parse(data) as Record<string, unknown>, 'seed', new Date(), {
      changedBy: 'system:seed',
      changeReason: 'demo and test data',
    });
  } catch (error) {
    if (!(error instanceof StaleVersionError)) throw error;
  }
}

/**
 * Demo and test master data, written through the versioned master-data
 * service (as the API and the CSV import do), plus stock lots.
 */
export async function seedMasterData(data: MasterData): Promise<void> {
  const absent = <A extends string>(attr: A) => ({ condition: { attr, exists: false as const } });
  for (const { unitPrice: _unitPrice, serialControlled = false, ...product } of data.products) {
    await createIfAbsent('products', { ...product, regulatoryStatus: 'RELEASED', unitOfMeasure: 'EA', lotControlled: true, serialControlled });
  }
  await createIfAbsent('price-lists', {
    ...data.priceList,
    validFrom: data.priceList.validFrom ?? '2000-01-01',
    lines: data.products.map(({ gtin, unitPrice }) => ({ gtin, unitPrice })),
  });
  for (const customer of data.customers) await createIfAbsent('customers', customer);
  for (const partner of data.tradingPartners ?? []) await createIfAbsent('trading-partners', partner);
  for (const xref of data.productXrefs ?? []) await createIfAbsent('product-xrefs', xref);
  const seeded = { changedBy: 'system:seed', changeReason: 'demo and test data' };
  const serialControlled = new Map(data.products.map((product) => [product.gtin, product.serialControlled ?? false]));
  for (const { quantity, ...lot } of data.lots) {
    await putIfAbsent(() =>
      StockLotEntity.build(PutItemCommand)
        .item({ ...lot, onHand: quantity, reserved: 0, available: quantity, ...seeded })
        .options(absent('lotNumber'))
        .send(),
    );
    // The registry is how quality holds, recalls and traces find a lot by its number, as for received goods.
    await putIfAbsent(() =>
      LotRegistryEntity.build(PutItemCommand)
        .item({
          gtin: lot.gtin,
          lotNumber: lot.lotNumber,
          expiry: lot.expiry,
          serialControlled: serialControlled.get(lot.gtin) ?? false,
          lastReceivedAt: '2026-01-01T00:00:00.000Z',
          ...seeded,
        })
        .options(absent('expiry'))
        .send(),
    );
  }
}
