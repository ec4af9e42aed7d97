/**
 * Calendar dates (expiry, delivery, invoice due) are plain "YYYY-MM-DD"
 * strings, never timestamps: an expiry date has no time zone, and turning it
 * into an instant shifts it by a day somewhere in the world.
 */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function assertCalendarDate(value: string): void {
  if (!isCalendarDate(value)) throw new Error(`not a calendar date: ${value}`);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  assertCalendarDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function addYears(date: CalendarDate, years: number): CalendarDate {
  assertCalendarDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 29 February plus a year is 28 February, not 1 March.
  const lastDayOfMonth = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, lastDayOfMonth))).toISOString().slice(0, 10);
}

/** The UTC calendar date of an instant: the business day an event is booked on. */
export function utcDateOf(instant: Date): CalendarDate {
  return instant.toISOString().slice(0, 10);
}

/** An instant in whole seconds since 1970 (UTC), as DynamoDB TTL attributes and epoch conditions take it. */
export function epochSeconds(at: Date | string): number {
  return Math.floor(new Date(at).getTime() / 1000);
}

/** ISO dates compare correctly as strings once validated. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  assertCalendarDate(a);
  assertCalendarDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one rule for "expired", used everywhere: the expiry date printed on the
 * label (GS1 AI 17) is the last day the item may be used.
 */
export function isExpiredOn(expiry: CalendarDate, onDate: CalendarDate): boolean {
  return compareDates(onDate, expiry) > 0;
}
