import { describe, expect, it } from 'vitest';
import { HoldRequest, InspectionRequest, ReceiptRequest, StockQuery } from '../../../shared/inventory/schemas/inventory.js';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('given a goods receipt request', () => {
  const base = { supplierId: 'SUP-1', deliveryNote: 'DN-1' };

  it('when it mixes scanned and typed lines, then it is valid', () => {
    expect(
      ReceiptRequest.safeParse({
        ...base,
        lines: [{ scan: ']d20109501101530003' }, { gtin: '09501101530003', lotNumber: 'A-1', expiry: '2028-01-31', quantity: 5 }],
      }).success,
    ).toBe(true);
  });

  it('when a typed line has a bad check digit, an impossible date and a lot with a space, then each field is named', () => {
    const result = ReceiptRequest.safeParse({ ...base, lines: [{ gtin: '09501101530004', lotNumber: 'A 1', expiry: '2028-02-30', quantity: 1 }] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/GTIN check digit is wrong/);
  });

  it('when there are no lines, no supplier or unknown fields, then it is invalid', () => {
    expect(paths(ReceiptRequest.safeParse({ ...base, lines: [] }))).toEqual(['lines']);
    expect(paths(ReceiptRequest.safeParse({ deliveryNote: 'DN', lines: [{ scan: 'x' }] }))).toEqual(['supplierId']);
    expect(ReceiptRequest.safeParse({ ...base, lines: [{ scan: 'x' }], extra: 1 }).success).toBe(false);
  });

  it('when a typed quantity is fractional or a line has more than 5,000 serials, then it is invalid; 5,000 serials are valid', () => {
    expect(ReceiptRequest.safeParse({ ...base, lines: [{ gtin: '09501101530003', lotNumber: 'A', expiry: '2028-01-31', quantity: 1.5 }] }).success).toBe(false);
    const serials = Array.from({ length: 5_001 }, (_, i) => `S${i}`);
    expect(ReceiptRequest.safeParse({ ...base, lines: [{ gtin: '09501101530003', lotNumber: 'A', expiry: '2028-01-31', serials }] }).success).toBe(false);
    expect(
      ReceiptRequest.safeParse({ ...base, lines: [{ gtin: '09501101530003', lotNumber: 'A', expiry: '2028-01-31', serials: serials.slice(1) }] }).success,
    ).toBe(true);
  });
});

describe('given quality decisions', () => {
  it('when an inspection has no notes, then it is invalid: the record must say what was checked', () => {
    expect(paths(InspectionRequest.safeParse({ result: 'PASS', notes: '  ' }))).toEqual(['notes']);
    expect(InspectionRequest.safeParse({ result: 'MAYBE', notes: 'x' }).success).toBe(false);
  });

  it('when a hold has no reason, then it is invalid', () => {
    expect(paths(HoldRequest.safeParse({ action: 'HOLD', reason: '' }))).toEqual(['reason']);
    expect(HoldRequest.safeParse({ action: 'RELEASE', reason: 'closed' }).success).toBe(true);
  });
});

describe('given a stock query', () => {
  it('when the GTIN is missing or wrong, then it is invalid', () => {
    expect(paths(StockQuery.safeParse({}))).toEqual(['gtin']);
    expect(StockQuery.safeParse({ gtin: '09501101530003' }).success).toBe(true);
  });
});
