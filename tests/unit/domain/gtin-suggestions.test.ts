import { describe, expect, it } from 'vitest';
import { closestKnownGtin, gtinCandidates } from '../../../shared/orders/domain/gtin-suggestions.js';
import { isValidGtin14 } from '../../../shared/platform/domain/gtin.js';

describe('given an unknown GTIN', () => {
  const known = '05012345678917';

  it('when its candidates are listed, then each is a valid GTIN-14 other than it, without repeats, bounded for key lookups', () => {
    const candidates = gtinCandidates(known);
    expect(candidates.every(isValidGtin14)).toBe(true);
    expect(candidates).not.toContain(known);
    expect(new Set(candidates).size).toBe(candidates.length);
    expect(candidates.length).toBeLessThanOrEqual(200);
  });

  it('when two neighbouring digits were swapped and the check digit still holds, then the known GTIN is suggested', () => {
    // Swapping 0 and 5 (a difference of 5) keeps the mod-10 check digit valid.
    const swapped = '50012345678917';
    expect(isValidGtin14(swapped)).toBe(true);
    expect(closestKnownGtin(swapped, new Set([known]))).toBe(known);
  });

  it('when a body digit was mistyped and the check digit recomputed, then the known GTIN is suggested', () => {
    const typo = '05012345678924'.slice(0, 12);
    const mistyped = `${typo}1`;
    const withCheck = `${mistyped}${[...Array(10).keys()].find((d) => isValidGtin14(`${mistyped}${d}`))}`;
    expect(closestKnownGtin(withCheck, new Set(['05012345678924']))).toBe('05012345678924');
  });

  it('when several known GTINs are candidates, then a swap is preferred over a typo', () => {
    const sent = '50012345678917';
    const typoNeighbour = gtinCandidates(sent).find((candidate, index) => index > 30 && candidate !== known)!;
    expect(closestKnownGtin(sent, new Set([typoNeighbour, known]))).toBe(known);
  });

  it('when nothing known is near, then there is no suggestion', () => {
    expect(closestKnownGtin(known, new Set(['09999999999994']))).toBeUndefined();
  });
});
