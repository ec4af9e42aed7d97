import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { uniqueId } from '../support/fixtures.js';

const GLOVES = '05012345678917';

describe('given versioned master records against the emulated table', () => {
  deployedStack();
  let service: typeof import('../../shared/master-data/services/master-data.js');
  let pricing: typeof import('../../shared/master-data/services/pricing-data.js');
  let entities: typeof import('../../shared/master-data/data/master-data-repository.js');

  beforeAll(async () => {
    service = await import('../../shared/master-data/services/master-data.js');
    pricing = await import('../../shared/master-data/services/pricing-data.js');
    entities = await import('../../shared/master-data/data/master-data-repository.js');
  });

  const promotion = (promotionId: string, percent: string) => ({
    promotionId,
    name: 'Winter',
    validFrom: '2026-01-01',
    gtins: [GLOVES],
    customerGroups: [uniqueId('NOBODY')],
    discount: { type: 'PERCENT', percent },
    stacksWithContract: false,
  });

  it('when two writers update from the same version at once, then exactly one wins and the other is told it is stale', async () => {
    const id = uniqueId('PROMO');
    await service.createMasterRecord('promotions', promotion(id, '5'), 'test');
    const results = await Promise.allSettled([
      service.updateMasterRecord('promotions', id, promotion(id, '6'), 1, 'writer-a'),
      service.updateMasterRecord('promotions', id, promotion(id, '7'), 1, 'writer-b'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(service.StaleVersionError);
    const history = await service.masterRecordHistory('promotions', id);
    expect(history.map((v) => [v.version, v.previousVersion])).toEqual([
      [1, undefined],
      [2, 1],
    ]);
  });

  it('when a record is read as of an instant between versions, then the version in force then is returned', async () => {
    const id = uniqueId('PROMO');
    const v1 = await service.createMasterRecord('promotions', promotion(id, '5'), 'test', new Date('2026-03-01T00:00:00Z'));
    await service.updateMasterRecord('promotions', id, promotion(id, '8'), 1, 'test', new Date('2026-04-01T00:00:00Z'));
    expect((await service.readMasterRecord('promotions', id, '2026-03-15T00:00:00.000Z')).data).toMatchObject({ discount: { percent: '5' } });
    expect((await service.readMasterRecord('promotions', id)).data).toMatchObject({ discount: { percent: '8' } });
    await expect(service.readMasterRecord('promotions', id, '2026-02-01T00:00:00.000Z')).rejects.toBeInstanceOf(service.MasterRecordNotFoundError);
    expect(v1.record.version).toBe(1);
  });

  it('when a customer is written, then the profile the workflow reads is written with it, and its contracts are found by customer', async () => {
    const customerId = uniqueId('CUST');
    await service.createMasterRecord(
      'customers',
      {
        customerId,
        legalName: 'Clinic',
        status: 'ACTIVE',
        creditLimit: '100.00',
        currency: 'EUR',
        paymentTermsDays: 30,
        minRemainingShelfLifeDays: 30,
        contactEmail: 'a@b.example',
        shipTo: [],
        channels: [],
        licences: [],
      },
      'test',
    );
    expect(await entities.findCustomer(customerId)).toMatchObject({ customerId, creditLimit: '100.00', status: 'ACTIVE' });
    const contractId = uniqueId('C');
    await service.createMasterRecord(
      'contracts',
      { contractId, customerId, currency: 'EUR', validFrom: '2026-01-01', lines: [{ gtin: GLOVES, unitPrice: '9.99' }] },
      'test',
    );
    const inputs = await pricing.pricingInputsAsOf(customerId, new Date().toISOString());
    expect(inputs?.data.contracts.map((c) => c.contractId)).toEqual([contractId]);
    expect(inputs?.data.priceLists.map((l) => l.priceListId)).toContain('PL-EU-2026');
  });
});
