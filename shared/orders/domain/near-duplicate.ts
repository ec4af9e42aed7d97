import { canonicalJson, sha256Hex } from '../../platform/domain/canonical-json.js';

export interface AddressFacts {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  postalCode: string;
  country: string;
}

export interface QuantityFacts {
  gtin: string;
  quantity: number;
}

/** Default near-duplicate window: a re-sent order usually comes within days, not weeks. */
export const DEFAULT_NEAR_DUPLICATE_WINDOW_HOURS = 72;

const squeeze = (text: string | undefined) => (text ?? '').trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * An address as a buyer would recognise it: case, padding and repeated blanks
 * differ between channels (a portal form, an EDI N3 segment, a spreadsheet
 * cell) without naming another dock.
 */
export function normalizedAddress(address: AddressFacts): Record<string, string> {
  return {
    name: squeeze(address.name),
    line1: squeeze(address.line1),
    line2: squeeze(address.line2),
    city: squeeze(address.city),
    postalCode: squeeze(address.postalCode).replace(/ /g, ''),
    country: squeeze(address.country),
  };
}

export function sameAddress(a: AddressFacts, b: AddressFacts): boolean {
  return canonicalJson(normalizedAddress(a)) === canonicalJson(normalizedAddress(b));
}

/** Quantity per GTIN: two lines of one GTIN order the same goods as one line of their sum. */
export function quantitiesByGtin(lines: readonly QuantityFacts[]): [string, number][] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.gtin, (totals.get(line.gtin) ?? 0) + line.quantity);
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * What makes two orders of one customer the same goods to the same place:
 * the normalized ship-to and the sorted GTIN:quantity set. Line order, line
 * splitting, PO number, dates and expected prices do not count.
 */
export function nearDuplicateFingerprint(shipTo: AddressFacts, lines: readonly QuantityFacts[]): string {
  return sha256Hex(
    canonicalJson({
      shipTo: normalizedAddress(shipTo),
      items: quantitiesByGtin(lines).map(([gtin, quantity]) => `${gtin}:${quantity}`),
    }),
  );
}

/**
 * Whether an earlier order received at `earlierAt` still makes a new one a
 * near duplicate at `now`. The claim item also expires by TTL, but TTL
 * deletion runs late (up to days), so the time is always compared.
 */
export function withinWindow(earlierAt: string, now: Date, windowHours: number): boolean {
  // A slightly later earlierAt (clocks of two functions) is still inside.
  return now.getTime() - new Date(earlierAt).getTime() < windowHours * 3600 * 1000;
}
