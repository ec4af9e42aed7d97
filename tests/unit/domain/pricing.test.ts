import { describe, expect, it } from 'vitest';
import { priceOrder, type LineToPrice, type PriceListSnapshot } from '../../../shared/domain/pricing.js';

const STENT = '05012345678900';
const CATHETER = '00036000291452';
const GLOVES = '05901234123457';

const priceList: PriceListSnapshot = {
  priceListId: 'PL-HOSPITAL-2025',
  currency: 'EUR',
  unitPrices: new Map([
    [STENT, '1250.00'],
    [CATHETER, '12.50'],
    [GLOVES, '0.1'],
  ]),
};

describe('given a customer price list that has every ordered GTIN', () => {
  it('when an order is priced, then each line is list price times quantity and the total is their exact sum', () => {
    const result = priceOrder(
      [
        { lineNo: 1, gtin: STENT, quantity: 2 },
        { lineNo: 2, gtin: CATHETER, quantity: 3 },
        { lineNo: 3, gtin: GLOVES, quantity: 3 },
      ],
      priceList,
    );
    expect(result).toEqual({
      outcome: 'PRICED',
      currency: 'EUR',
      total: '2537.80',
      deviations: [],
      lines: [
        { lineNo: 1, gtin: STENT, quantity: 2, unitPrice: '1250.00', lineTotal: '2500.00', priceSource: 'price-list:PL-HOSPITAL-2025' },
        { lineNo: 2, gtin: CATHETER, quantity: 3, unitPrice: '12.50', lineTotal: '37.50', priceSource: 'price-list:PL-HOSPITAL-2025' },
        { lineNo: 3, gtin: GLOVES, quantity: 3, unitPrice: '0.1', lineTotal: '0.30', priceSource: 'price-list:PL-HOSPITAL-2025' },
      ],
    });
  });

  it('when the same GTIN appears on two lines, then each line is priced on its own', () => {
    const result = priceOrder(
      [
        { lineNo: 1, gtin: CATHETER, quantity: 1 },
        { lineNo: 2, gtin: CATHETER, quantity: 4 },
      ],
      priceList,
    );
    expect(result.outcome).toBe('PRICED');
    if (result.outcome !== 'PRICED') return;
    expect(result.lines.map((line) => line.lineTotal)).toEqual(['12.50', '50.00']);
    expect(result.total).toBe('62.50');
  });

  it('when a price has sub-cent digits, then each line total is rounded half-up to cents before the total', () => {
    const list: PriceListSnapshot = { ...priceList, unitPrices: new Map([[STENT, '0.125']]) };
    const result = priceOrder(
      [
        { lineNo: 1, gtin: STENT, quantity: 1 },
        { lineNo: 2, gtin: STENT, quantity: 1 },
      ],
      list,
    );
    expect(result.outcome === 'PRICED' && result.lines.map((line) => line.lineTotal)).toEqual(['0.13', '0.13']);
    expect(result.outcome === 'PRICED' && result.total).toBe('0.26');
  });

  it('when the order is priced, then the input lines are not changed', () => {
    const lines: LineToPrice[] = [{ lineNo: 1, gtin: STENT, quantity: 1 }];
    priceOrder(lines, priceList);
    expect(lines).toEqual([{ lineNo: 1, gtin: STENT, quantity: 1 }]);
  });
});

describe('given a price list missing some ordered GTINs', () => {
  const unknown = '09780306406157';
  const other = '04006381333931';

  it('when the order is priced, then it is unpriceable and every unpriced line is named', () => {
    const result = priceOrder(
      [
        { lineNo: 1, gtin: STENT, quantity: 1 },
        { lineNo: 2, gtin: unknown, quantity: 1 },
        { lineNo: 3, gtin: CATHETER, quantity: 1 },
        { lineNo: 4, gtin: other, quantity: 1 },
      ],
      priceList,
    );
    expect(result).toEqual({
      outcome: 'UNPRICEABLE',
      unpricedLines: [2, 4],
      reason: 'no price on price list PL-HOSPITAL-2025 for line(s) 2, 4',
    });
  });

  it('when only one line is unpriced, then no partial prices are returned for the others', () => {
    const result = priceOrder(
      [
        { lineNo: 1, gtin: STENT, quantity: 1 },
        { lineNo: 2, gtin: unknown, quantity: 1 },
      ],
      priceList,
    );
    expect(result).not.toHaveProperty('lines');
    expect(result).not.toHaveProperty('total');
  });
});

describe('given lines with a buyer-expected unit price', () => {
  it.each([
    ['12.50', '12.50'],
    ['12.5', 'a shorter scale'],
    ['12.5000', 'a longer scale'],
  ])('when the expected price is %s (%s) and the list says 12.50, then it is not a deviation', (expected) => {
    const result = priceOrder([{ lineNo: 1, gtin: CATHETER, quantity: 1, expectedUnitPrice: expected }], priceList);
    expect(result.outcome === 'PRICED' && result.deviations).toEqual([]);
  });

  it('when the list price is 0.1 and the buyer expects 0.10, then it is not a deviation', () => {
    const result = priceOrder([{ lineNo: 1, gtin: GLOVES, quantity: 10, expectedUnitPrice: '0.10' }], priceList);
    expect(result.outcome === 'PRICED' && result.deviations).toEqual([]);
  });

  it('when expected prices differ by a cent up or down, then those lines are deviations', () => {
    const result = priceOrder(
      [
        { lineNo: 1, gtin: CATHETER, quantity: 1, expectedUnitPrice: '12.49' },
        { lineNo: 2, gtin: CATHETER, quantity: 1, expectedUnitPrice: '12.50' },
        { lineNo: 3, gtin: STENT, quantity: 1, expectedUnitPrice: '1250.01' },
        { lineNo: 4, gtin: GLOVES, quantity: 1 },
      ],
      priceList,
    );
    expect(result.outcome === 'PRICED' && result.deviations).toEqual([1, 3]);
  });

  it('when a line deviates, then it is still billed at the list price, not the expected one', () => {
    const result = priceOrder([{ lineNo: 1, gtin: CATHETER, quantity: 2, expectedUnitPrice: '10.00' }], priceList);
    expect(result.outcome).toBe('PRICED');
    if (result.outcome !== 'PRICED') return;
    expect(result.lines[0]).toMatchObject({ unitPrice: '12.50', lineTotal: '25.00', expectedUnitPrice: '10.00' });
    expect(result.total).toBe('25.00');
  });

  it('when no expected price is given, then the line is never a deviation', () => {
    const result = priceOrder([{ lineNo: 7, gtin: STENT, quantity: 1, expectedUnitPrice: undefined }], priceList);
    expect(result.outcome === 'PRICED' && result.deviations).toEqual([]);
  });
});
