import { describe, expect, it } from 'vitest';
import { recordRetention, retainUntilInstant, shortensRetention } from '../../../shared/compliance/domain/retention.js';

describe('given the products on an archived order', () => {
  it('when one product needs longer than the default, then the record is kept for that product’s retention', () => {
    expect(
      recordRetention(
        [
          { gtin: 'G1', retentionYears: 10 },
          { gtin: 'G2', retentionYears: 15 },
        ],
        10,
        '2025-03-02',
      ),
    ).toEqual({
      years: 15,
      retainUntil: '2040-03-02',
      governedBy: ['G2'],
    });
  });

  it('when every product needs less than the default, then the default applies and no product governs', () => {
    expect(recordRetention([{ gtin: 'G1', retentionYears: 2 }], 10, '2025-03-02')).toEqual({ years: 10, retainUntil: '2035-03-02', governedBy: [] });
  });

  it('when no product is known any more, then the default applies', () => {
    expect(recordRetention([], 1, '2025-03-02')).toEqual({ years: 1, retainUntil: '2026-03-02', governedBy: [] });
  });

  it('when products tie with the default, then they are named as governing, each once and sorted', () => {
    expect(
      recordRetention(
        [
          { gtin: 'G2', retentionYears: 10 },
          { gtin: 'G1', retentionYears: 10 },
          { gtin: 'G1', retentionYears: 10 },
        ],
        10,
        '2025-03-02',
      ).governedBy,
    ).toEqual(['G1', 'G2']);
  });

  it('when archived on 29 February, then the retention ends on 28 February of a non-leap year', () => {
    expect(recordRetention([], 1, '2028-02-29').retainUntil).toBe('2029-02-28');
  });

  it.each([0, -1, 1.5])('when the default is %s years, then it is refused', (years) => {
    expect(() => recordRetention([], years, '2025-03-02')).toThrow(/whole number/);
  });
});

describe('given an object’s COMPLIANCE retention', () => {
  it('when a new date is earlier, then it shortens; the same or later does not', () => {
    expect(shortensRetention('2040-03-02', '2040-03-01')).toBe(true);
    expect(shortensRetention('2040-03-02', '2040-03-02')).toBe(false);
    expect(shortensRetention('2040-03-02', '2041-01-01')).toBe(false);
  });

  it('when a retention date becomes an instant, then it is its midnight UTC', () => {
    expect(retainUntilInstant('2040-03-02').toISOString()).toBe('2040-03-02T00:00:00.000Z');
  });
});
