import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { CANDIDATE_LEVELS, CANDIDATE_STATUSES } from '../../../shared/master-data/schemas/pricing.js';
import { priceOrder, type CandidateView, type PricedLine, type PricingMasterData } from '../../../shared/master-data/domain/pricing.js';
import { OrderLine, type PriceCandidate } from '../../../shared/orders/schemas/order.js';

/**
 * GET /v1/orders/{id} parses the stored order with OrderView: a price level or
 * candidate status the pricing engine can produce but the view schema does not
 * know would make every such order answer 500. Both now take their values
 * from shared/master-data/schemas/pricing.ts.
 */

const STENT = '05012345678900';
const context = { customerId: 'CUST-1', customerGroup: 'HOSPITAL', channel: 'portal', orderDate: '2026-06-15', currency: 'EUR' };
const line = (unitPrice: string) => [{ gtin: STENT, unitPrice }];

/** Rules that give the line a candidate of every level and every status. */
const everyCase: PricingMasterData = {
  contracts: [
    { contractId: 'C-1', customerId: 'CUST-1', currency: 'EUR', validFrom: '2026-01-01', lines: line('10.00') },
    { contractId: 'C-OTHER', customerId: 'CUST-2', currency: 'EUR', validFrom: '2026-01-01', lines: line('9.00') },
  ],
  priceLists: [
    { priceListId: 'L-GROUP', currency: 'EUR', customerGroup: 'HOSPITAL', validFrom: '2026-01-01', lines: line('11.00') },
    { priceListId: 'L-CHANNEL', currency: 'EUR', channel: 'portal', validFrom: '2026-01-01', lines: line('12.00') },
    { priceListId: 'L-BASE', currency: 'EUR', validFrom: '2026-01-01', lines: line('13.00') },
    { priceListId: 'L-LATER', currency: 'EUR', validFrom: '2026-07-01', lines: line('8.00') },
    { priceListId: 'L-OLD', currency: 'EUR', validFrom: '2025-01-01', validTo: '2025-12-31', lines: line('8.00') },
    { priceListId: 'L-USD', currency: 'USD', customerGroup: 'HOSPITAL', validFrom: '2026-01-01', lines: line('8.00') },
  ],
  promotions: [
    { promotionId: 'P-BIG', validFrom: '2026-01-01', discount: { type: 'PERCENT', percent: '10' }, stacksWithContract: true },
    { promotionId: 'P-SMALL', validFrom: '2026-01-01', discount: { type: 'PERCENT', percent: '5' }, stacksWithContract: true },
    { promotionId: 'P-NO-STACK', validFrom: '2026-01-01', discount: { type: 'PERCENT', percent: '20' }, stacksWithContract: false },
  ],
};

function pricedLine(): PricedLine {
  const result = priceOrder([{ lineNo: 1, gtin: STENT, quantity: 3 }], context, everyCase);
  if (result.outcome !== 'PRICED') throw new Error(result.reason);
  return result.lines[0]!;
}

describe('given the price explanation frozen on an order line', () => {
  it('when the engine explains a price, then its candidates cover every level and every status', () => {
    const { candidates, promotions } = pricedLine().explanation;
    const all: CandidateView[] = [...candidates, ...promotions];
    expect(new Set(all.map((c) => c.level))).toEqual(new Set(CANDIDATE_LEVELS));
    expect(new Set(all.map((c) => c.status))).toEqual(new Set(CANDIDATE_STATUSES));
  });

  it('when the priced line is shown by GET /v1/orders/{id}, then the view schema accepts it unchanged', () => {
    const priced = pricedLine();
    expect(OrderLine.parse(priced)).toEqual(priced);
  });

  it('when the types are compared, then the view schema and the engine use the same levels and statuses', () => {
    expectTypeOf<z.infer<typeof PriceCandidate>['level']>().toEqualTypeOf<CandidateView['level']>();
    expectTypeOf<z.infer<typeof PriceCandidate>['status']>().toEqualTypeOf<CandidateView['status']>();
  });
});
