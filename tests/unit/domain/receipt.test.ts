import { describe, expect, it } from 'vitest';
import { GS } from '../../../shared/inventory/domain/gs1.js';
import { planReceipt, receiptGtins, type ProductControl } from '../../../shared/inventory/domain/receipt.js';

const today = '2026-11-25';
const LOT_PRODUCT = '09501101530003';
const SERIAL_PRODUCT = '00614141999996';
const products = new Map<string, ProductControl>([
  [LOT_PRODUCT, { serialControlled: false }],
  [SERIAL_PRODUCT, { serialControlled: true }],
]);
const plan = (lines: Parameters<typeof planReceipt>[0]) => planReceipt(lines, products, today);

describe('given a receipt of scanned labels', () => {
  it('when three labels of one lot are scanned, then the lot is received with quantity 3', () => {
    const scan = `]d2010950110153000317280131` + `10LOT-A`;
    expect(plan([{ scan }, { scan }, { scan }])).toEqual({
      ok: true,
      lots: [{ gtin: LOT_PRODUCT, lotNumber: 'LOT-A', expiry: '2028-01-31', quantity: 3, serials: [] }],
    });
  });

  it('when a case label carries a count (AI 30), then that many units are received', () => {
    expect(plan([{ scan: '(01)09501101530003(17)280131(10)LOT-A(30)24' }])).toMatchObject({ ok: true, lots: [{ quantity: 24 }] });
  });

  it('when serial-controlled units are scanned, then each serial is received once, with the production date', () => {
    const result = plan([
      { scan: `]d2010061414199999611260101172812311` + `0L9${GS}21SN1` },
      { scan: `(01)${SERIAL_PRODUCT}(11)260101(17)281231(10)L9(21)SN2` },
    ]);
    expect(result).toEqual({
      ok: true,
      lots: [{ gtin: SERIAL_PRODUCT, lotNumber: 'L9', expiry: '2028-12-31', productionDate: '2026-01-01', quantity: 2, serials: ['SN1', 'SN2'] }],
    });
  });

  it('when a serial is scanned twice, then the receipt is refused naming both lines', () => {
    const scan = `(01)${SERIAL_PRODUCT}(17)281231(10)L9(21)SN1`;
    expect(plan([{ scan }, { scan }])).toEqual({
      ok: false,
      errors: [{ line: 2, message: `GTIN ${SERIAL_PRODUCT} serial SN1 is already on line 1; each serial exists once` }],
    });
  });

  it('when a serial-controlled label has no serial, then it is refused', () => {
    expect(plan([{ scan: `(01)${SERIAL_PRODUCT}(17)281231(10)L9` }])).toMatchObject({
      ok: false,
      errors: [{ line: 1, message: expect.stringMatching(/serial-controlled: every unit needs its serial number/) }],
    });
  });

  it('when a scan is unreadable, then the parser’s reason is given with the scan (GS shown)', () => {
    const result = plan([{ scan: `]d2010950110153000417280131${'10'}A${GS}21B` }]);
    expect(result).toEqual({
      ok: false,
      errors: [{ line: 1, message: `scan ]d2010950110153000417280131` + `10A<GS>21B: AI (01) GTIN 09501101530004 has check digit 4, expected 3` }],
    });
  });

  it('when a label has no lot or no expiry, then stock cannot be keyed and it is refused', () => {
    expect(plan([{ scan: '(01)09501101530003(17)280131' }])).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/lot number \(10\) is required/) }],
    });
    expect(plan([{ scan: '(01)09501101530003(10)A' }])).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/expiry date \(17\) is required/) }],
    });
  });

  it('when the goods expired yesterday, then they are refused; expiring today they are received', () => {
    expect(plan([{ scan: '(01)09501101530003(17)261124(10)A' }])).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/expired on 2026-11-24/) }],
    });
    expect(plan([{ scan: '(01)09501101530003(17)261125(10)A' }]).ok).toBe(true);
  });

  it('when a GTIN is not a known product, then it is refused', () => {
    expect(plan([{ scan: '(01)00012345678905(17)280131(10)A' }])).toMatchObject({
      ok: false,
      errors: [{ message: 'GTIN 00012345678905 is not a known product' }],
    });
  });

  it('when one lot number comes with two expiry dates, then the later line is refused', () => {
    expect(plan([{ scan: '(01)09501101530003(17)280131(10)A' }, { scan: '(01)09501101530003(17)280229(10)A' }])).toMatchObject({
      ok: false,
      errors: [{ line: 2, message: expect.stringMatching(/expiry 2028-02-29 here but 2028-01-31 on an earlier line/) }],
    });
  });

  it('when a count of 0 is scanned, then it is refused', () => {
    expect(plan([{ scan: '(01)09501101530003(17)280131(10)A(30)0' }]).ok).toBe(false);
  });

  it('when a non-serial-controlled product is scanned with a serial on its label, then the unit is received by lot only', () => {
    expect(plan([{ scan: '(01)09501101530003(17)280131(10)A(21)X1' }])).toMatchObject({ ok: true, lots: [{ quantity: 1, serials: [] }] });
  });
});

describe('given a receipt of keyed lines', () => {
  it('when quantity, lot and expiry are typed, then the lot is received', () => {
    expect(plan([{ gtin: LOT_PRODUCT, lotNumber: 'K1', expiry: '2028-01-31', quantity: 40 }])).toMatchObject({ ok: true, lots: [{ quantity: 40 }] });
  });

  it('when keyed and scanned lines name the same lot, then they add up', () => {
    expect(plan([{ gtin: LOT_PRODUCT, lotNumber: 'K1', expiry: '2028-01-31', quantity: 40 }, { scan: '(01)09501101530003(17)280131(10)K1' }])).toMatchObject({
      ok: true,
      lots: [{ quantity: 41 }],
    });
  });

  it('when serials are typed for a serial-controlled product, then the quantity is their number', () => {
    expect(plan([{ gtin: SERIAL_PRODUCT, lotNumber: 'L1', expiry: '2028-01-31', serials: ['A', 'B', 'C'] }])).toMatchObject({
      ok: true,
      lots: [{ quantity: 3, serials: ['A', 'B', 'C'] }],
    });
  });

  it('when the typed quantity differs from the number of serials, then it is refused', () => {
    expect(plan([{ gtin: SERIAL_PRODUCT, lotNumber: 'L1', expiry: '2028-01-31', quantity: 4, serials: ['A', 'B', 'C'] }])).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/quantity 4 does not match 3 serial/) }],
    });
  });

  it('when serials are typed for a product that is not serial-controlled, then it is refused', () => {
    expect(plan([{ gtin: LOT_PRODUCT, lotNumber: 'L1', expiry: '2028-01-31', serials: ['A'] }]).ok).toBe(false);
  });

  it('when neither quantity nor serials are given, then it is refused', () => {
    expect(plan([{ gtin: LOT_PRODUCT, lotNumber: 'L1', expiry: '2028-01-31' }])).toMatchObject({
      ok: false,
      errors: [{ message: 'quantity is required (or the list of serials)' }],
    });
  });

  it('when several lines are wrong, then every one is reported', () => {
    const result = plan([{ gtin: LOT_PRODUCT, lotNumber: 'L1', expiry: '2020-01-31', quantity: 1 }, { scan: 'garbage' }]);
    expect(!result.ok && result.errors.map((e) => e.line)).toEqual([1, 2]);
  });

  it('when 2,000 serials of one lot arrive, then they are received (no longer split by the transaction limit)', () => {
    const serials = Array.from({ length: 2_000 }, (_, i) => `S${i}`);
    expect(plan([{ gtin: SERIAL_PRODUCT, lotNumber: 'BIG', expiry: '2028-01-31', serials }])).toMatchObject({ ok: true, lots: [{ quantity: 2_000 }] });
  });

  it('when more than 5,000 serials arrive in one receipt, then it must be split, with the limit named', () => {
    const serials = (from: number, count: number) => Array.from({ length: count }, (_, i) => `S${from + i}`);
    const lines = [
      { gtin: SERIAL_PRODUCT, lotNumber: 'A', expiry: '2028-01-31', serials: serials(0, 5_000) },
      { gtin: SERIAL_PRODUCT, lotNumber: 'B', expiry: '2028-01-31', serials: serials(5_000, 1) },
    ];
    expect(plan(lines)).toEqual({
      ok: false,
      errors: [{ line: 0, message: 'the receipt has 5001 serials; at most 5000 per receipt (split the delivery into several receipts)' }],
    });
    expect(plan(lines.slice(0, 1)).ok).toBe(true);
  });

  it('when more than 24 lots arrive in one receipt, then it must be split (its commit is one transaction of 4 items per lot)', () => {
    const lots = (count: number) => Array.from({ length: count }, (_, i) => ({ gtin: LOT_PRODUCT, lotNumber: `L${i}`, expiry: '2028-01-31', quantity: 1 }));
    expect(plan(lots(25))).toEqual({
      ok: false,
      errors: [{ line: 0, message: 'the receipt names 25 lots; at most 24 lots per receipt (split the delivery into several receipts)' }],
    });
    expect(plan(lots(24)).ok).toBe(true);
  });
});

describe('given the lines of a receipt before master data is read', () => {
  it('when GTINs are collected, then scanned and keyed GTINs come once each, and unreadable scans none', () => {
    expect(
      receiptGtins(
        [
          { scan: '(01)09501101530003(10)A' },
          { gtin: LOT_PRODUCT, lotNumber: 'B', expiry: '2028-01-31' },
          { scan: 'garbage' },
          { scan: `(01)${SERIAL_PRODUCT}` },
        ],
        today,
      ),
    ).toEqual([LOT_PRODUCT, SERIAL_PRODUCT]);
  });
});
