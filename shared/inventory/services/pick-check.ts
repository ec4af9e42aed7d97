import { reservationsOf } from '../data/stock-repository.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { checkPick } from '../domain/pick-verification.js';
import type { PickCheckResult } from '../schemas/shipment.js';

/**
 * Checks a packing station's scans against the order's allocation (reserved
 * or shipped lines). Read-only: it tells the packer which unit is wrong and
 * what is still missing. Undefined when the order has nothing allocated.
 */
export async function pickCheck(orderId: string, scans: readonly string[], now: Date = new Date()): Promise<PickCheckResult | undefined> {
  const allocated = (await reservationsOf(orderId)).filter((reservation) => reservation.status !== 'RELEASED');
  if (allocated.length === 0) return undefined;
  const result = checkPick(
    allocated.map(({ lineNo, gtin, picks }) => ({ lineNo, gtin, picks })),
    scans,
    utcDateOf(now),
  );
  return { orderId, ...result };
}
