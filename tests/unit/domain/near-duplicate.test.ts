import { describe, expect, it } from 'vitest';
import { nearDuplicateFingerprint, normalizedAddress, quantitiesByGtin, sameAddress, withinWindow } from '../../../shared/orders/domain/near-duplicate.js';

const shipTo = { name: 'ACME University Hospital', line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'US' };
const lines = [
  { gtin: '05012345678917', quantity: 2 },
  { gtin: '05012345678900', quantity: 5 },
];

describe('given the near-duplicate fingerprint of an order', () => {
  it('when the lines come in another order, then the fingerprint is the same', () => {
    expect(nearDuplicateFingerprint(shipTo, lines)).toBe(nearDuplicateFingerprint(shipTo, [...lines].reverse()));
  });

  it('when one GTIN is split over two lines, then it counts as its total quantity', () => {
    const split = [
      { gtin: '05012345678917', quantity: 1 },
      { gtin: '05012345678900', quantity: 5 },
      { gtin: '05012345678917', quantity: 1 },
    ];
    expect(nearDuplicateFingerprint(shipTo, split)).toBe(nearDuplicateFingerprint(shipTo, lines));
    expect(quantitiesByGtin(split)).toEqual([
      ['05012345678900', 5],
      ['05012345678917', 2],
    ]);
  });

  it('when expected prices or other line fields differ, then the fingerprint does not change', () => {
    const priced = lines.map((line) => ({ ...line, expectedUnitPrice: '1.00' }));
    expect(nearDuplicateFingerprint(shipTo, priced)).toBe(nearDuplicateFingerprint(shipTo, lines));
  });

  it('when a quantity differs, then the fingerprint differs', () => {
    expect(nearDuplicateFingerprint(shipTo, [{ ...lines[0]!, quantity: 3 }, lines[1]!])).not.toBe(nearDuplicateFingerprint(shipTo, lines));
  });

  it('when a GTIN is missing or added, then the fingerprint differs', () => {
    expect(nearDuplicateFingerprint(shipTo, [lines[0]!])).not.toBe(nearDuplicateFingerprint(shipTo, lines));
    expect(nearDuplicateFingerprint(shipTo, [...lines, { gtin: '05012345678924', quantity: 1 }])).not.toBe(nearDuplicateFingerprint(shipTo, lines));
  });

  it('when the ship-to differs only in case, blanks or the postal code spacing, then it is the same place', () => {
    const sloppy = { name: ' acme  university hospital', line1: '1 HOSPITAL ROAD ', city: 'springfield', postalCode: '123 45', country: 'US' };
    expect(sameAddress(sloppy, shipTo)).toBe(true);
    expect(nearDuplicateFingerprint(sloppy, lines)).toBe(nearDuplicateFingerprint(shipTo, lines));
  });

  it('when the ship-to is another dock or street, then the fingerprint differs', () => {
    expect(nearDuplicateFingerprint({ ...shipTo, line1: '2 Hospital Road' }, lines)).not.toBe(nearDuplicateFingerprint(shipTo, lines));
    expect(nearDuplicateFingerprint({ ...shipTo, line2: 'Dock B' }, lines)).not.toBe(nearDuplicateFingerprint(shipTo, lines));
  });

  it('when an address has no second line, then it normalizes to an empty one', () => {
    expect(normalizedAddress(shipTo).line2).toBe('');
  });
});

describe('given the near-duplicate window', () => {
  const earlier = '2026-11-20T10:00:00.000Z';

  it('when the new order comes inside the window, then the earlier one still counts', () => {
    expect(withinWindow(earlier, new Date('2026-11-23T09:59:59.999Z'), 72)).toBe(true);
  });

  it('when exactly the window has passed, then it no longer counts (even if TTL has not removed the claim yet)', () => {
    expect(withinWindow(earlier, new Date('2026-11-23T10:00:00.000Z'), 72)).toBe(false);
    expect(withinWindow(earlier, new Date('2026-12-20T10:00:00.000Z'), 72)).toBe(false);
  });

  it('when the earlier order carries a slightly later clock, then it counts', () => {
    expect(withinWindow(earlier, new Date('2026-11-20T09:59:59.000Z'), 72)).toBe(true);
  });

  it('when the window is configured shorter, then it applies', () => {
    expect(withinWindow(earlier, new Date('2026-11-20T11:00:00.000Z'), 1)).toBe(false);
    expect(withinWindow(earlier, new Date('2026-11-20T10:59:00.000Z'), 1)).toBe(true);
  });
});
