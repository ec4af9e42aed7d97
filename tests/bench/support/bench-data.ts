import { DEMO_CUSTOMERS, DEMO_PRICE_LIST } from '../../../infra/local/demo-data.js';
import type { MasterData } from '../../../infra/local/master-data.js';
import { uniqueGtin } from '../../support/fixtures.js';

/**
 * Master data of the bench's own, unique per run: the demo stock (40 stents)
 * would run out after a few approval orders, and an emulator that is reused
 * must not carry one run's credit exposure into the next.
 */
export interface BenchData {
  gtin: string;
  customers: { auto: string; approval: string; creditHold: string; blocked: string; unpriced: string };
}

export const UNIT_PRICE = '850.00';

export async function seedBenchData(): Promise<BenchData> {
  const { seedMasterData } = await import('../../../infra/local/master-data.js');
  const run = Date.now().toString(36).toUpperCase();
  const gtin = uniqueGtin();
  const base = DEMO_CUSTOMERS[0]!;
  const customer = (role: string, overrides: Partial<MasterData['customers'][number]>): MasterData['customers'][number] => ({
    ...base,
    customerId: `CUST-BENCH-${role}-${run}`,
    legalName: `Bench customer (${role.toLowerCase()})`,
    ...overrides,
  });
  const customers = {
    auto: customer('AUTO', { creditLimit: '100000000.00' }),
    approval: customer('APPROVAL', { creditLimit: '100000000.00' }),
    // Two units (1,700.00) are over this limit but under the order-value threshold: a credit hold only.
    creditHold: customer('HOLD', { creditLimit: '1000.00' }),
    blocked: customer('BLOCKED', { status: 'BLOCKED', creditLimit: '0.00' }),
    // Buys in a currency no price list has: intake accepts its orders, the workflow ends at Price.
    unpriced: customer('UNPRICED', { currency: 'USD', creditLimit: '100000000.00' }),
  };
  await seedMasterData({
    // A base price list of the run's own: seeding never rewrites an existing list such as the demo one.
    priceList: { ...DEMO_PRICE_LIST, priceListId: `PL-BENCH-${run}`, name: `Bench prices ${run}` },
    customers: Object.values(customers),
    products: [{ gtin, name: 'Bench implant kit', deviceClass: 'IIb', unitPrice: UNIT_PRICE, shelfLifeDays: 1825, retentionYears: 10 }],
    lots: [{ gtin, lotNumber: `BENCH-${run}`, expiry: '2031-12-31', quantity: 10_000_000, status: 'RELEASED' }],
  });
  return {
    gtin,
    customers: {
      auto: customers.auto.customerId,
      approval: customers.approval.customerId,
      creditHold: customers.creditHold.customerId,
      blocked: customers.blocked.customerId,
      unpriced: customers.unpriced.customerId,
    },
  };
}
