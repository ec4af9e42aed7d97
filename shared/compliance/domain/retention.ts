import { addYears, compareDates, type CalendarDate } from '../../platform/domain/calendar-date.js';

export interface RetainedProduct {
  gtin: string;
  retentionYears: number;
}

export interface RecordRetention {
  years: number;
  /** The first day the record may be disposed of (COMPLIANCE retain-until, 00:00 UTC). */
  retainUntil: CalendarDate;
  /** The products whose retention set the period; empty when the bucket default did. */
  governedBy: string[];
}

/**
 * An archived record is kept as long as the longest-lived product on it
 * requires (EU MDR: 15 years for implantables, 10 otherwise; ISO 13485 and
 * 21 CFR 820: the device's lifetime), and never shorter than the bucket's
 * default retention. GTINs the master data no longer knows count with the
 * default only, which is why the default must be the regulatory floor.
 */
export function recordRetention(products: readonly RetainedProduct[], defaultYears: number, archivedOn: CalendarDate): RecordRetention {
  if (!Number.isInteger(defaultYears) || defaultYears < 1) throw new Error(`default retention must be a whole number of years >= 1, got ${defaultYears}`);
  const longest = Math.max(0, ...products.map((p) => p.retentionYears));
  const years = Math.max(defaultYears, longest);
  const governedBy =
    longest >= defaultYears
      ? products
          .filter((p) => p.retentionYears === years)
          .map((p) => p.gtin)
          .sort()
      : [];
  return { years, retainUntil: addYears(archivedOn, years), governedBy: [...new Set(governedBy)] };
}

/** Object Lock COMPLIANCE retention may only ever be extended: true when `requested` would shorten `current`. */
export function shortensRetention(current: CalendarDate, requested: CalendarDate): boolean {
  return compareDates(requested, current) < 0;
}

/** The Object Lock retain-until instant of a retention date: midnight UTC at its start. */
export function retainUntilInstant(retainUntil: CalendarDate): Date {
  return new Date(`${retainUntil}T00:00:00.000Z`);
}
