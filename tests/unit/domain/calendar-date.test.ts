import { describe, expect, it } from 'vitest';
import { addDays, addYears, compareDates, epochSeconds, isCalendarDate, isExpiredOn, utcDateOf } from '../../../shared/platform/domain/calendar-date.js';

describe('given a string that may be a calendar date', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01', '2025-04-30', '2027-03-31'])('when %s is checked, then it is a calendar date', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century years are leap years only when divisible by 400'],
    ['2100-02-29', 'century years are leap years only when divisible by 400'],
    ['2024-02-30', 'February never has 30 days'],
    ['2024-04-31', 'April has 30 days'],
    ['2024-13-01', 'there is no month 13'],
    ['2024-00-10', 'there is no month 0'],
    ['2024-01-00', 'there is no day 0'],
    ['2024-01-32', 'no month has 32 days'],
    ['2024-1-5', 'month and day need two digits'],
    ['20240105', 'separators are required'],
    ['2024/01/05', 'separators must be hyphens'],
    ['2024-01-05T00:00:00Z', 'a timestamp is not a calendar date'],
    [' 2024-01-05', 'no surrounding whitespace'],
    ['', 'empty'],
  ])('when %s is checked, then it is rejected (%s)', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('given a calendar date and a number of days', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-01', 'across a month end'],
    ['2024-02-28', 1, '2024-02-29', 'into a leap day'],
    ['2024-02-29', 1, '2024-03-01', 'out of a leap day'],
    ['2023-02-28', 1, '2023-03-01', 'over February in a common year'],
    ['2024-12-31', 1, '2025-01-01', 'across a year end'],
    ['2025-01-01', -1, '2024-12-31', 'backwards across a year end'],
    ['2024-03-01', -1, '2024-02-29', 'backwards into a leap day'],
    ['2024-01-01', 365, '2024-12-31', 'through a leap year'],
    ['2025-01-01', 365, '2026-01-01', 'through a common year'],
    ['2024-12-15', 30, '2025-01-14', 'net 30 across a year end'],
    ['2024-03-31', 0, '2024-03-31', 'by zero days'],
    ['2025-03-29', 2, '2025-03-31', 'over a European daylight-saving change'],
    ['2025-11-01', 2, '2025-11-03', 'over a US daylight-saving change'],
  ])('when %s is moved by %i days, then it is %s (%s)', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('when the start is not a calendar date, then adding days refuses it', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(/not a calendar date/);
    expect(() => addDays('2024-02-01T00:00:00Z', 1)).toThrow(/not a calendar date/);
  });
});

describe('given a calendar date and a number of years', () => {
  it('when one year is added to 29 February, then it is 28 February, not 1 March', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('when four years are added to 29 February, then it is 29 February again', () => {
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('when one year is subtracted from 29 February, then it is 28 February', () => {
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
  });

  it('when 100 years are added to 29 February 2000, then the non-leap 2100 gives 28 February', () => {
    expect(addYears('2000-02-29', 100)).toBe('2100-02-28');
  });

  it('when ten years are added to an ordinary date, then only the year changes', () => {
    expect(addYears('2025-06-15', 10)).toBe('2035-06-15');
    expect(addYears('2024-03-31', 1)).toBe('2025-03-31');
    expect(addYears('2024-12-31', 1)).toBe('2025-12-31');
  });

  it('when the start is not a calendar date, then adding years refuses it', () => {
    expect(() => addYears('2023-02-29', 1)).toThrow(/not a calendar date/);
  });
});

describe('given an instant', () => {
  it('when its UTC date is taken, then the business day is the UTC day, whatever the offset it was written with', () => {
    expect(utcDateOf(new Date('2024-03-10T23:30:00-05:00'))).toBe('2024-03-11');
    expect(utcDateOf(new Date('2024-03-11T00:30:00+02:00'))).toBe('2024-03-10');
    expect(utcDateOf(new Date('2024-12-31T23:59:59.999Z'))).toBe('2024-12-31');
  });
});

describe('given two calendar dates', () => {
  it('when compared, then earlier, equal and later are -1, 0 and 1', () => {
    expect(compareDates('2024-12-31', '2025-01-01')).toBe(-1);
    expect(compareDates('2025-01-01', '2025-01-01')).toBe(0);
    expect(compareDates('2025-01-02', '2025-01-01')).toBe(1);
  });

  it('when either is not a calendar date, then comparing refuses it', () => {
    expect(() => compareDates('2025-1-1', '2025-01-01')).toThrow(/not a calendar date/);
    expect(() => compareDates('2025-01-01', '2025-02-30')).toThrow(/not a calendar date/);
  });
});

describe('given a lot with an expiry date printed on the label', () => {
  const expiry = '2025-06-30';

  it('when the day is before the expiry date, then the lot is not expired', () => {
    expect(isExpiredOn(expiry, '2025-06-29')).toBe(false);
  });

  it('when the day is the expiry date itself, then the lot is still usable', () => {
    expect(isExpiredOn(expiry, '2025-06-30')).toBe(false);
  });

  it('when the day is the day after the expiry date, then the lot is expired', () => {
    expect(isExpiredOn(expiry, '2025-07-01')).toBe(true);
  });

  it('when the expiry is the last day of the year, then 1 January is expired', () => {
    expect(isExpiredOn('2025-12-31', '2025-12-31')).toBe(false);
    expect(isExpiredOn('2025-12-31', '2026-01-01')).toBe(true);
  });

  it('when either date is malformed, then the check refuses to guess', () => {
    expect(() => isExpiredOn('2025-06-31', '2025-06-01')).toThrow(/not a calendar date/);
  });
});

describe('given an instant stored as epoch seconds (TTL, near-duplicate claims)', () => {
  it('when it is converted, then the fraction of a second is dropped and a Date or an ISO string give the same', () => {
    expect(epochSeconds('2026-11-25T10:00:00.999Z')).toBe(1795600800);
    expect(epochSeconds(new Date('2026-11-25T10:00:00.000Z'))).toBe(1795600800);
  });
});
