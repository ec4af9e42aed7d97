import { addDays, compareDates, isExpiredOn, type CalendarDate } from '../../platform/domain/calendar-date.js';
import type { LotStatus } from '../schemas/inventory.js';

/** Units a line still lacks after every allocatable lot was taken. */
export interface Shortage {
  lineNo: number;
  gtin: string;
  missing: number;
}

export interface LotAvailability {
  lotNumber: string;
  expiry: CalendarDate;
  status: LotStatus;
  available: number;
}

export interface LineDemand {
  lineNo: number;
  gtin: string;
  quantity: number;
}

export interface LotPick {
  lotNumber: string;
  expiry: CalendarDate;
  quantity: number;
  /** For serial-controlled products: the very units reserved (as many as `quantity`). */
  serials?: string[];
}

export interface AllocationRules {
  /** The day the goods are expected to reach the customer. */
  deliveryDate: CalendarDate;
  /** Shelf life the customer requires to be left on delivery, in days. */
  minRemainingShelfLifeDays: number;
}

export type LinePlan = { lineNo: number; gtin: string; picks: LotPick[] };
export type AllocationPlan = { outcome: 'ALLOCATABLE'; lines: LinePlan[] } | { outcome: 'INSUFFICIENT_STOCK'; shortages: Shortage[] };

/** A lot may be picked when released and still usable for the required shelf life after delivery. */
export function isPickable(lot: LotAvailability, rules: AllocationRules): boolean {
  if (lot.status !== 'RELEASED' || lot.available <= 0) return false;
  const mustBeUsableUntil = addDays(rules.deliveryDate, rules.minRemainingShelfLifeDays);
  return !isExpiredOn(lot.expiry, mustBeUsableUntil);
}

/**
 * First-expiry-first-out: each line takes from the earliest-expiring pickable
 * lots, splitting across lots as needed. Lines for the same GTIN share the
 * lots, so the plan never promises the same unit twice. The plan is all or
 * nothing: any shortage means nothing is allocated.
 */
export function planFefoAllocation(
  demands: readonly LineDemand[],
  lotsByGtin: ReadonlyMap<string, readonly LotAvailability[]>,
  rules: AllocationRules,
): AllocationPlan {
  const remaining = new Map<string, LotAvailability[]>();
  for (const [gtin, lots] of lotsByGtin) {
    const pickable = lots
      .filter((lot) => isPickable(lot, rules))
      .map((lot) => ({ ...lot }))
      .sort((a, b) => compareDates(a.expiry, b.expiry) || a.lotNumber.localeCompare(b.lotNumber));
    remaining.set(gtin, pickable);
  }

  const lines: LinePlan[] = [];
  const shortages: Shortage[] = [];
  for (const demand of demands) {
    let missing = demand.quantity;
    const picks: LotPick[] = [];
    for (const lot of remaining.get(demand.gtin) ?? []) {
      if (missing === 0) break;
      const take = Math.min(lot.available, missing);
      if (take === 0) continue;
      picks.push({ lotNumber: lot.lotNumber, expiry: lot.expiry, quantity: take });
      lot.available -= take;
      missing -= take;
    }
    if (missing > 0) shortages.push({ lineNo: demand.lineNo, gtin: demand.gtin, missing });
    lines.push({ lineNo: demand.lineNo, gtin: demand.gtin, picks });
  }
  return shortages.length > 0 ? { outcome: 'INSUFFICIENT_STOCK', shortages } : { outcome: 'ALLOCATABLE', lines };
}
