import { gtinCheckDigit, isValidGtin14 } from '../../platform/domain/gtin.js';

const swap = (digits: string, i: number, j: number) => {
  const chars = [...digits];
  [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  return chars.join('');
};

/**
 * GTINs a buyer may have meant when the one sent is unknown, most likely
 * first: two neighbouring digits swapped, then two digits one apart swapped
 * (both keep many mod-10 check digits valid, which is why they get through),
 * then one digit of the body mistyped with its check digit recomputed (a
 * catalogue or ERP that recalculated the check digit over a typo). Every
 * candidate is a valid GTIN-14 and different from the one sent; about 140
 * keys, so the caller can look them up by key instead of searching.
 */
export function gtinCandidates(gtin: string): string[] {
  const seen = new Set<string>([gtin]);
  const out: string[] = [];
  const add = (candidate: string) => {
    if (seen.has(candidate) || !isValidGtin14(candidate)) return;
    seen.add(candidate);
    out.push(candidate);
  };
  for (let i = 0; i + 1 < gtin.length; i++) add(swap(gtin, i, i + 1));
  for (let i = 0; i + 2 < gtin.length; i++) add(swap(gtin, i, i + 2));
  const body = gtin.slice(0, 13);
  for (let i = 0; i < body.length; i++) {
    for (let digit = 0; digit <= 9; digit++) {
      const changed = `${body.slice(0, i)}${digit}${body.slice(i + 1)}`;
      add(`${changed}${gtinCheckDigit(changed)}`);
    }
  }
  return out;
}

/** The most likely intended GTIN among those that exist, or undefined. */
export function closestKnownGtin(gtin: string, known: ReadonlySet<string>): string | undefined {
  return gtinCandidates(gtin).find((candidate) => known.has(candidate));
}
