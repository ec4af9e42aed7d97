import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conflictDecision,
  priceOrder,
  type ContractTerms,
  type PriceListTerms,
  type PricedLine,
  type PricingContext,
  type PricingMasterData,
  type PromotionTerms,
} from '../../../shared/master-data/domain/pricing.js';

const STENT = '05012345678900';
const GLOVES = '05012345678917';

const context: PricingContext = { customerId: 'CUST-1', customerGroup: 'HOSPITAL', channel: 'portal', orderDate: '2026-06-15', currency: 'EUR' };

const list = (id: string, unitPrice: string, extra: Partial<PriceListTerms> = {}): PriceListTerms => ({
  priceListId: id,
  currency: 'EUR',
  validFrom: '2026-01-01',
  lines: [{ gtin: STENT, unitPrice }],
  ...extra,
});
const contract = (id: string, unitPrice: string, extra: Partial<ContractTerms> = {}): ContractTerms => ({
  contractId: id,
  customerId: 'CUST-1',
  currency: 'EUR',
  validFrom: '2026-01-01',
  lines: [{ gtin: STENT, unitPrice }],
  ...extra,
});
const promotion = (id: string, extra: Partial<PromotionTerms> = {}): PromotionTerms => ({
  promotionId: id,
  validFrom: '2026-01-01',
  discount: { type: 'PERCENT', percent: '10' },
  stacksWithContract: false,
  ...extra,
});
const data = (extra: Partial<PricingMasterData>): PricingMasterData => ({ priceLists: [], contracts: [], promotions: [], ...extra });

function onlyLine(result: ReturnType<typeof priceOrder>): PricedLine {
  if (result.outcome !== 'PRICED') throw new Error(`not priced: ${result.reason}`);
  return result.lines[0]!;
}
const price = (masterData: PricingMasterData, quantity = 1, ctx: Partial<PricingContext> = {}, expectedUnitPrice?: string) =>
  onlyLine(priceOrder([{ lineNo: 1, gtin: STENT, quantity, expectedUnitPrice }], { ...context, ...ctx }, masterData));

describe('given rules on every level of precedence', () => {
  const all = data({
    contracts: [contract('C-17', '10.00')],
    priceLists: [list('L-BASE', '13.00'), list('L-CHANNEL', '12.00', { channel: 'portal' }), list('L-GROUP', '11.00', { customerGroup: 'HOSPITAL' })],
  });

  it('when a contract is in force, then the contract price wins over every list', () => {
    const line = price(all);
    expect(line).toMatchObject({ unitPrice: '10.00', priceSource: 'contract:C-17', listPrice: '10.00' });
    expect(line.explanation.chosen).toBe('contract:C-17');
    expect(line.explanation.candidates.map((c) => [c.rule, c.status])).toEqual([
      ['contract:C-17', 'CHOSEN'],
      ['price-list:L-GROUP', 'OUTRANKED'],
      ['price-list:L-CHANNEL', 'OUTRANKED'],
      ['price-list:L-BASE', 'OUTRANKED'],
    ]);
    expect(line.explanation.why).toMatch(/contract C-17 \(contract level\)/);
  });

  it('when there is no contract, then the customer-group list wins over the channel and base lists', () => {
    expect(price({ ...all, contracts: [] }).priceSource).toBe('price-list:L-GROUP');
  });

  it('when there is no contract and no group list, then the channel list wins over the base list', () => {
    expect(price({ ...all, contracts: [], priceLists: all.priceLists.filter((l) => l.priceListId !== 'L-GROUP') }).priceSource).toBe('price-list:L-CHANNEL');
  });

  it('when only the base list has the product, then the base list prices it', () => {
    expect(price(data({ priceLists: [list('L-BASE', '13.00')] }))).toMatchObject({ unitPrice: '13.00', priceSource: 'price-list:L-BASE' });
  });

  it("when the contract is another customer's, then it is out of scope and the lists decide", () => {
    const line = price({ ...all, contracts: [contract('C-OTHER', '1.00', { customerId: 'CUST-2' })] });
    expect(line.priceSource).toBe('price-list:L-GROUP');
    expect(line.explanation.candidates[0]).toEqual({ rule: 'contract:C-OTHER', level: 'CONTRACT', status: 'OUT_OF_SCOPE', reason: 'for customer CUST-2' });
  });

  it('when a list is for another group or channel, then it is out of scope', () => {
    const line = price(
      data({ priceLists: [list('L-BASE', '13.00'), list('L-RETAIL', '9.00', { customerGroup: 'RETAIL' }), list('L-EDI', '8.00', { channel: 'edi' })] }),
    );
    expect(line.priceSource).toBe('price-list:L-BASE');
    expect(
      line.explanation.candidates
        .filter((c) => c.status === 'OUT_OF_SCOPE')
        .map((c) => c.rule)
        .sort(),
    ).toEqual(['price-list:L-EDI', 'price-list:L-RETAIL']);
  });
});

describe('given two rules on the same level', () => {
  it('when one list is for the group and the channel and the other for the group only, then the more specific one wins', () => {
    const line = price(
      data({ priceLists: [list('L-A', '11.00', { customerGroup: 'HOSPITAL' }), list('L-B', '11.50', { customerGroup: 'HOSPITAL', channel: 'portal' })] }),
    );
    expect(line.priceSource).toBe('price-list:L-B');
  });

  it('when they are equally specific, then the later valid-from wins', () => {
    const line = price(data({ priceLists: [list('L-A', '11.00', { validFrom: '2026-03-01' }), list('L-B', '12.00', { validFrom: '2026-05-01' })] }));
    expect(line.priceSource).toBe('price-list:L-B');
  });

  it('when they are equally specific and start the same day, then the lower id wins and nothing fails', () => {
    const line = price(data({ contracts: [contract('C-2', '9.00'), contract('C-10', '9.50')] }));
    expect(line.priceSource).toBe('contract:C-10');
    expect(line.explanation.candidates.find((c) => c.rule === 'contract:C-2')).toMatchObject({ status: 'OUTRANKED', reason: 'contract C-10 takes precedence' });
  });
});

describe('given validity windows', () => {
  it.each([
    ['2026-03-01', 'the first day'],
    ['2026-03-31', 'the last day'],
  ])('when the order date is %s (%s), then the rule applies', (orderDate) => {
    const line = price(
      data({ priceLists: [list('L-BASE', '13.00'), list('L-MARCH', '11.00', { channel: 'portal', validFrom: '2026-03-01', validTo: '2026-03-31' })] }),
      1,
      { orderDate },
    );
    expect(line.priceSource).toBe('price-list:L-MARCH');
  });

  it.each([
    ['2026-02-28', 'NOT_YET_VALID'],
    ['2026-04-01', 'EXPIRED'],
  ])('when the order date is %s, just outside, then the rule is %s and the next one applies', (orderDate, status) => {
    const line = price(
      data({ priceLists: [list('L-BASE', '13.00'), list('L-MARCH', '11.00', { channel: 'portal', validFrom: '2026-03-01', validTo: '2026-03-31' })] }),
      1,
      { orderDate },
    );
    expect(line.priceSource).toBe('price-list:L-BASE');
    expect(line.explanation.candidates.find((c) => c.rule === 'price-list:L-MARCH')?.status).toBe(status);
  });

  it('when a promotion ended the day before, then it is listed as expired and not applied', () => {
    const line = price(data({ priceLists: [list('L-BASE', '10.00')], promotions: [promotion('P-1', { validTo: '2026-06-14' })] }));
    expect(line.unitPrice).toBe('10.00');
    expect(line.explanation.promotions).toEqual([expect.objectContaining({ rule: 'promotion:P-1', status: 'EXPIRED' })]);
  });
});

describe('given quantity breaks', () => {
  const breaks = data({
    priceLists: [
      list('L-BASE', '10.00', {
        lines: [
          {
            gtin: STENT,
            unitPrice: '10.00',
            breaks: [
              { minQuantity: 100, unitPrice: '8.00' },
              { minQuantity: 10, unitPrice: '9.00' },
            ],
          },
        ],
      }),
    ],
  });

  it.each([
    [9, '10.00'],
    [10, '9.00'],
    [99, '9.00'],
    [100, '8.00'],
    [5000, '8.00'],
  ])('when %i units are ordered, then the unit price is %s', (quantity, expected) => {
    expect(price(breaks, quantity).unitPrice).toBe(expected);
  });

  it('when a break applies, then the explanation names it', () => {
    expect(price(breaks, 100).explanation).toMatchObject({
      quantityBreak: { minQuantity: 100, unitPrice: '8.00' },
      why: expect.stringMatching(/quantity break from 100 units/),
    });
  });

  it('when a contract has volume tiers, then the tiers apply inside the contract', () => {
    const line = price(
      data({ contracts: [contract('C-1', '9.00', { lines: [{ gtin: STENT, unitPrice: '9.00', breaks: [{ minQuantity: 50, unitPrice: '7.50' }] }] })] }),
      50,
    );
    expect(line).toMatchObject({ unitPrice: '7.50', priceSource: 'contract:C-1' });
  });
});

describe('given promotions', () => {
  it('when a percentage promotion applies to a list price, then it is taken off after the list price', () => {
    const line = price(data({ priceLists: [list('L-BASE', '20.00')], promotions: [promotion('P-1', { discount: { type: 'PERCENT', percent: '15' } })] }), 3);
    expect(line).toMatchObject({
      listPrice: '20.00',
      unitPrice: '17.00',
      grossAmount: '60.00',
      discountAmount: '9.00',
      lineTotal: '51.00',
      discounts: [{ promotionId: 'P-1', perUnit: '3.00' }],
    });
  });

  it('when a fixed promotion is larger than the price, then the price becomes zero, never negative', () => {
    const line = price(
      data({ priceLists: [list('L-BASE', '2.00')], promotions: [promotion('P-1', { discount: { type: 'AMOUNT', amount: '5.00', currency: 'EUR' } })] }),
    );
    expect(line.unitPrice).toBe('0.00');
  });

  it('when a promotion does not stack with contracts, then a contract-priced line does not get it', () => {
    const line = price(data({ contracts: [contract('C-1', '10.00')], promotions: [promotion('P-1')] }));
    expect(line.unitPrice).toBe('10.00');
    expect(line.explanation.promotions[0]).toMatchObject({ status: 'NOT_STACKABLE' });
  });

  it('when a promotion stacks with contracts, then it is taken off the contract price', () => {
    const line = price(data({ contracts: [contract('C-1', '10.00')], promotions: [promotion('P-1', { stacksWithContract: true })] }));
    expect(line).toMatchObject({ unitPrice: '9.00', discounts: [{ promotionId: 'P-1', perUnit: '1.00' }] });
  });

  it('when two promotions apply, then only the larger discount is taken', () => {
    const line = price(
      data({
        priceLists: [list('L-BASE', '10.00')],
        promotions: [
          promotion('P-A', { discount: { type: 'AMOUNT', amount: '0.50', currency: 'EUR' } }),
          promotion('P-B', { discount: { type: 'PERCENT', percent: '20' } }),
        ],
      }),
    );
    expect(line.unitPrice).toBe('8.00');
    expect(line.explanation.promotions.map((p) => [p.rule, p.status])).toEqual([
      ['promotion:P-A', 'SMALLER_DISCOUNT'],
      ['promotion:P-B', 'CHOSEN'],
    ]);
  });

  it('when two promotions give the same discount, then the more specific, then the lower id wins', () => {
    const line = price(
      data({
        priceLists: [list('L-BASE', '10.00')],
        promotions: [promotion('P-A'), promotion('P-B', { gtins: [STENT] }), promotion('P-C', { gtins: [STENT] })],
      }),
    );
    expect(line.discounts).toEqual([{ promotionId: 'P-B', perUnit: '1.00' }]);
  });

  it('when a promotion is for another product, group or channel, then it is not applied', () => {
    const line = price(
      data({
        priceLists: [list('L-BASE', '10.00')],
        promotions: [
          promotion('P-GTIN', { gtins: [GLOVES] }),
          promotion('P-GROUP', { customerGroups: ['RETAIL'] }),
          promotion('P-CHANNEL', { channels: ['edi'] }),
        ],
      }),
    );
    expect(line.unitPrice).toBe('10.00');
    expect(line.explanation.promotions.map((p) => p.status)).toEqual(['OUT_OF_SCOPE', 'OUT_OF_SCOPE']);
  });

  it('when a fixed promotion is in another currency, then it is skipped as a currency mismatch', () => {
    const line = price(
      data({ priceLists: [list('L-BASE', '10.00')], promotions: [promotion('P-USD', { discount: { type: 'AMOUNT', amount: '1.00', currency: 'USD' } })] }),
    );
    expect(line.unitPrice).toBe('10.00');
    expect(line.explanation.promotions[0]).toMatchObject({ status: 'CURRENCY_MISMATCH' });
  });
});

describe('given amounts that need rounding', () => {
  it.each([
    ['0.125', 1, '0.12'],
    ['0.135', 1, '0.14'],
    ['0.005', 1, '0.00'],
    ['0.015', 1, '0.02'],
    ['1.0025', 2, '2.00'],
    ['1.0075', 2, '2.02'],
  ])('when the unit price is %s and the quantity %i, then the line total rounds half-even to %s', (unitPrice, quantity, expected) => {
    expect(price(data({ priceLists: [list('L-BASE', unitPrice)] }), quantity).lineTotal).toBe(expected);
  });

  it('when a percentage gives more than four decimals, then the unit price is rounded half-even to four and the line from it', () => {
    const line = price(
      data({ priceLists: [list('L-BASE', '12.99')], promotions: [promotion('P-1', { discount: { type: 'PERCENT', percent: '10.005' } })] }),
      3,
    );
    // 12.99 * 10.005% = 1.2996495 off -> 11.6903505 -> 11.6904 per unit; 3 units -> 35.0712 -> 35.07
    expect(line).toMatchObject({ unitPrice: '11.6904', lineTotal: '35.07', grossAmount: '38.97', discountAmount: '3.90' });
  });

  it('when several lines round, then the order total is the sum of the rounded lines', () => {
    const result = priceOrder(
      [
        { lineNo: 1, gtin: STENT, quantity: 1 },
        { lineNo: 2, gtin: STENT, quantity: 1 },
        { lineNo: 3, gtin: STENT, quantity: 1 },
      ],
      context,
      data({ priceLists: [list('L-BASE', '0.335')] }),
    );
    expect(result.outcome === 'PRICED' && result.lines.map((l) => l.lineTotal)).toEqual(['0.34', '0.34', '0.34']);
    expect(result.outcome === 'PRICED' && result.total).toBe('1.02');
  });
});

describe('given rules in another currency', () => {
  it('when the only valid list is in USD and the order in EUR, then the line is unpriceable and the reason names the mismatch', () => {
    const result = priceOrder([{ lineNo: 1, gtin: STENT, quantity: 1 }], context, data({ priceLists: [list('L-USD', '10.00', { currency: 'USD' })] }));
    expect(result).toEqual({
      outcome: 'UNPRICEABLE',
      unpricedLines: [1],
      reason: `no price in EUR on 2026-06-15 for line 1 (${STENT}): list L-USD: priced in USD, the order is in EUR`,
    });
  });

  it('when a higher-precedence rule is in another currency, then it is skipped, never converted, and the next rule applies', () => {
    const line = price(data({ contracts: [contract('C-USD', '5.00', { currency: 'USD' })], priceLists: [list('L-BASE', '13.00')] }));
    expect(line.priceSource).toBe('price-list:L-BASE');
    expect(line.explanation.candidates[0]).toMatchObject({ rule: 'contract:C-USD', status: 'CURRENCY_MISMATCH' });
  });
});

describe('given an order with an unpriced product', () => {
  it('when the order is priced, then it is unpriceable, every unpriced line is named and no partial prices are returned', () => {
    const result = priceOrder(
      [
        { lineNo: 1, gtin: STENT, quantity: 1 },
        { lineNo: 2, gtin: GLOVES, quantity: 1 },
      ],
      context,
      data({ priceLists: [list('L-BASE', '13.00')] }),
    );
    expect(result).toMatchObject({ outcome: 'UNPRICEABLE', unpricedLines: [2] });
    expect(result).not.toHaveProperty('lines');
    expect(result.outcome === 'UNPRICEABLE' && result.reason).toMatch(/line 2 \(05012345678917\): no price list or contract has this product/);
  });
});

describe('given a line with an expected unit price', () => {
  const masterData = data({ contracts: [contract('C-17', '12.40')], priceLists: [list('L-3', '13.00', { validTo: '2026-05-31' }), list('L-BASE', '14.00')] });

  it('when it equals the computed price in another scale, then there is no conflict', () => {
    const line = price(masterData, 1, {}, '12.4000');
    expect(line.priceConflict).toBeUndefined();
  });

  it('when it matches an expired list, then the line keeps the computed price and the suggestion says so', () => {
    const result = priceOrder([{ lineNo: 1, gtin: STENT, quantity: 2, expectedUnitPrice: '13.00' }], context, masterData);
    expect(result.outcome === 'PRICED' && result.conflicts).toEqual([1]);
    expect(onlyLine(result)).toMatchObject({
      unitPrice: '12.40',
      lineTotal: '24.80',
      priceConflict: {
        expectedUnitPrice: '13.00',
        computedUnitPrice: '12.40',
        rule: 'contract:C-17',
        suggestion: 'contract C-17 price 12.40 applies; the sent price 13.00 matches the expired list L-3',
      },
    });
  });

  it('when it matches an outranked list, then the suggestion names it', () => {
    expect(price(masterData, 1, {}, '14.00').priceConflict?.suggestion).toBe(
      'contract C-17 price 12.40 applies; the sent price 14.00 matches list L-BASE, outranked',
    );
  });

  it('when it matches the price before a promotion, then the suggestion says the promotion applied', () => {
    const line = price(data({ priceLists: [list('L-BASE', '10.00')], promotions: [promotion('P-1')] }), 1, {}, '10.00');
    expect(line.priceConflict?.suggestion).toBe('list L-BASE price 9.00 applies; the sent price 10.00 matches the price before promotion P-1');
  });

  it('when it matches another quantity break, then the suggestion names the break', () => {
    const line = price(
      data({ priceLists: [list('L-BASE', '10.00', { lines: [{ gtin: STENT, unitPrice: '10.00', breaks: [{ minQuantity: 10, unitPrice: '9.00' }] }] })] }),
      5,
      {},
      '9.00',
    );
    expect(line.priceConflict?.suggestion).toBe(
      'list L-BASE price 10.00 applies; the sent price 9.00 matches the list L-BASE price from 10 units (the line has 5)',
    );
  });

  it('when it matches nothing, then the suggestion says so', () => {
    expect(price(masterData, 1, {}, '1.00').priceConflict?.suggestion).toBe(
      'contract C-17 price 12.40 applies; the sent price 1.00 matches no price rule on record',
    );
  });
});

describe('given a channel policy for price conflicts', () => {
  it('when the channel needs review, then the decision is REVIEW and names the lines', () => {
    expect(conflictDecision([1, 3], 'edi', { edi: 'REVIEW' })).toEqual({
      handling: 'REVIEW',
      detail: 'price conflict on line(s) 1, 3: channel edi needs a review before the order goes on; the computed price stands',
    });
  });

  it('when the channel proceeds, then the order goes on at the computed price', () => {
    expect(conflictDecision([2], 'batch', { batch: 'PROCEED' })).toEqual({
      handling: 'PROCEED',
      detail: 'price conflict on line(s) 2: channel batch proceeds at the computed price',
    });
  });

  it('when the channel has no policy, then the conflict goes to review, never silently on', () => {
    expect(conflictDecision([2], 'portal', {}).handling).toBe('REVIEW');
  });

  it('when there is no conflict, then nothing is decided', () => {
    expect(conflictDecision([], 'edi', { edi: 'REVIEW' }).handling).toBe('NONE');
  });
});

describe('given any master data (property)', () => {
  const amount = fc.integer({ min: 0, max: 999_999 }).map((cents) => new Big(cents).div(100).toFixed(2));
  const date = fc.integer({ min: 0, max: 365 }).map((offset) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10));
  const window = fc
    .tuple(date, fc.option(date, { nil: undefined }))
    .map(([from, to]) => (to !== undefined && to < from ? { validFrom: to, validTo: from } : { validFrom: from, validTo: to }));
  const gtin = fc.constantFrom(STENT, GLOVES);
  const priceLine = fc.record({
    gtin,
    unitPrice: amount,
    breaks: fc.array(fc.record({ minQuantity: fc.integer({ min: 1, max: 200 }), unitPrice: amount }), { maxLength: 3 }),
  });
  // Ids are table keys, so unique within a kind (two promotions never share an id).
  const priceLists = fc.uniqueArray(
    fc
      .record({
        priceListId: fc.stringMatching(/^L-[A-Z0-9]{1,4}$/),
        currency: fc.constantFrom('EUR', 'USD'),
        channel: fc.option(fc.constantFrom('portal', 'edi'), { nil: undefined }),
        customerGroup: fc.option(fc.constantFrom('HOSPITAL', 'RETAIL'), { nil: undefined }),
        window,
        lines: fc.array(priceLine, { maxLength: 2 }),
      })
      .map(({ window: w, ...rest }) => ({ ...rest, ...w })),
    { maxLength: 6, selector: (list) => list.priceListId },
  );
  const contracts = fc.uniqueArray(
    fc
      .record({
        contractId: fc.stringMatching(/^C-[A-Z0-9]{1,4}$/),
        customerId: fc.constantFrom('CUST-1', 'CUST-2'),
        currency: fc.constantFrom('EUR', 'USD'),
        window,
        lines: fc.array(priceLine, { maxLength: 2 }),
      })
      .map(({ window: w, ...rest }) => ({ ...rest, ...w })),
    { maxLength: 3, selector: (contract) => contract.contractId },
  );
  const promotions = fc.uniqueArray(
    fc
      .record({
        promotionId: fc.stringMatching(/^P-[A-Z0-9]{1,4}$/),
        window,
        gtins: fc.option(fc.array(gtin, { maxLength: 2 }), { nil: undefined }),
        discount: fc.oneof(
          fc.integer({ min: 0, max: 10_000 }).map((bp) => ({ type: 'PERCENT' as const, percent: new Big(bp).div(100).toString() })),
          amount.map((a) => ({ type: 'AMOUNT' as const, amount: a, currency: 'EUR' })),
        ),
        stacksWithContract: fc.boolean(),
      })
      .map(({ window: w, ...rest }) => ({ ...rest, ...w })),
    { maxLength: 3, selector: (promotion) => promotion.promotionId },
  );
  const lines = fc
    .array(fc.record({ gtin, quantity: fc.integer({ min: 1, max: 500 }) }), { minLength: 1, maxLength: 4 })
    .map((ls) => ls.map((l, i) => ({ ...l, lineNo: i + 1 })));
  const scenario = fc.record({ priceLists, contracts, promotions, lines, orderDate: date });

  it('when an order is priced, then every line total is gross minus discount and the total is the sum of the line totals', () => {
    fc.assert(
      fc.property(scenario, ({ lines: orderLines, orderDate, ...masterData }) => {
        const result = priceOrder(orderLines, { ...context, orderDate }, masterData);
        if (result.outcome !== 'PRICED') return;
        for (const line of result.lines) {
          expect(new Big(line.grossAmount).minus(line.discountAmount).eq(line.lineTotal)).toBe(true);
          expect(new Big(line.lineTotal).gte(0)).toBe(true);
          expect(line.explanation.candidates.filter((c) => c.status === 'CHOSEN')).toHaveLength(1);
        }
        expect(result.lines.reduce((total, line) => total.plus(line.lineTotal), new Big(0)).eq(result.total)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('when the rules are stored in another order, then the result is the same', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ({ lines: orderLines, orderDate, ...masterData }, seed) => {
        const shuffle = <T>(items: readonly T[]) => {
          const copy = [...items];
          let state = seed;
          for (let i = copy.length - 1; i > 0; i -= 1) {
            state = (state * 1103515245 + 12345) % 2147483648;
            const j = Math.abs(state) % (i + 1);
            [copy[i], copy[j]] = [copy[j]!, copy[i]!];
          }
          return copy;
        };
        const shuffled = { priceLists: shuffle(masterData.priceLists), contracts: shuffle(masterData.contracts), promotions: shuffle(masterData.promotions) };
        expect(priceOrder(orderLines, { ...context, orderDate }, shuffled)).toEqual(priceOrder(orderLines, { ...context, orderDate }, masterData));
      }),
      { numRuns: 300 },
    );
  });
});
