import { describe, expect, it } from 'vitest';
import type { LotReceipt } from '../../../shared/inventory/domain/receipt.js';
import { chunks } from '../../../shared/platform/domain/transaction-items.js';
import {
  claimExpiresAt,
  isClaimExpired,
  MAX_LOTS_PER_LINE,
  MAX_LOTS_PER_RECEIPT,
  receiptFingerprint,
  receiptFitsOneTransaction,
  receiptTransactionItems,
  reservationTransactionItems,
  serializedLineFitsTransactions,
  serialsFitTransactions,
  shipmentTransactionItems,
} from '../../../shared/inventory/domain/transaction-limits.js';

const serials = (count: number, prefix = 'S') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const lot = (lotNumber: string, serialList: string[], quantity = serialList.length || 1): LotReceipt => ({
  gtin: '00614141999996',
  lotNumber,
  expiry: '2028-01-31',
  quantity,
  serials: serialList,
});
const pick = (lotNumber: string, count: number, withSerials = true) => ({
  lotNumber,
  expiry: '2028-01-31',
  quantity: count,
  ...(withSerials ? { serials: serials(count, lotNumber) } : {}),
});

describe('given items to write in chunks', () => {
  it('when split, then every chunk but the last is full, order is kept and nothing is lost or repeated', () => {
    for (const [count, size] of [
      [0, 25],
      [1, 25],
      [24, 25],
      [25, 25],
      [26, 25],
      [500, 25],
      [2_000, 7],
    ] as const) {
      const items = Array.from({ length: count }, (_, i) => i);
      const result = chunks(items, size);
      expect(result.flat()).toEqual(items);
      expect(result.length).toBe(Math.ceil(count / size));
      for (const chunk of result.slice(0, -1)) expect(chunk).toHaveLength(size);
      if (count > 0) expect(result.at(-1)!.length).toBe(count - size * (result.length - 1));
    }
  });

  it('when the chunk size is not a positive integer, then it is refused', () => {
    expect(() => chunks([1], 0)).toThrow(/positive integer/);
    expect(() => chunks([1], 2.5)).toThrow(/positive integer/);
  });
});

describe('given a receipt', () => {
  it('when it has up to 95 serials of one lot, then it fits one transaction; 96 do not', () => {
    expect(receiptTransactionItems([lot('A', serials(95))])).toBe(100);
    expect(receiptFitsOneTransaction([lot('A', serials(95))])).toBe(true);
    expect(receiptFitsOneTransaction([lot('A', serials(96))])).toBe(false);
  });

  it('when it has lots without serials, then 24 lots fit one transaction and 25 do not; the chunked commit allows 24 lots', () => {
    const lots = (count: number) => Array.from({ length: count }, (_, i) => lot(`L${i}`, []));
    expect(receiptFitsOneTransaction(lots(24))).toBe(true);
    expect(receiptFitsOneTransaction(lots(25))).toBe(false);
    expect(MAX_LOTS_PER_RECEIPT).toBe(24);
  });

  it('when fingerprinted, then line and serial order do not matter but any change of content does', () => {
    const a = lot('A', ['S1', 'S2']);
    const b = lot('B', [], 5);
    const base = receiptFingerprint([a, b]);
    expect(receiptFingerprint([b, { ...a, serials: ['S2', 'S1'] }])).toBe(base);
    expect(receiptFingerprint([a, { ...b, quantity: 6 }])).not.toBe(base);
    expect(receiptFingerprint([a, { ...b, expiry: '2028-02-29' }])).not.toBe(base);
    expect(receiptFingerprint([{ ...a, serials: ['S1', 'S3'] }, b])).not.toBe(base);
    expect(receiptFingerprint([a, { ...b, productionDate: '2026-01-01' }])).not.toBe(base);
    expect(receiptFingerprint([a])).not.toBe(base);
  });
});

describe('given a claim made at an instant', () => {
  const now = new Date('2026-11-25T10:00:00.000Z');
  it('when its time to live has passed, then it is expired; until then and without an expiry it is not', () => {
    const expires = claimExpiresAt(now, 60);
    expect(expires).toBe('2026-11-25T10:01:00.000Z');
    expect(isClaimExpired(expires, new Date('2026-11-25T10:00:59.999Z'))).toBe(false);
    expect(isClaimExpired(expires, new Date('2026-11-25T10:01:00.000Z'))).toBe(true);
    expect(isClaimExpired(undefined, new Date('2099-01-01T00:00:00.000Z'))).toBe(false);
    expect(claimExpiresAt(now)).toBe('2026-11-25T10:15:00.000Z');
  });
});

describe('given a serialized order line', () => {
  it('when its shipment fits one transaction (3 per lot + serials + 1), then its serials go in the transactions; otherwise beside them', () => {
    expect(shipmentTransactionItems([pick('A', 96)])).toBe(100);
    expect(reservationTransactionItems([pick('A', 96)])).toBe(99);
    expect(serialsFitTransactions([pick('A', 96)])).toBe(true);
    expect(serialsFitTransactions([pick('A', 97)])).toBe(false);
    expect(serialsFitTransactions([pick('A', 45), pick('B', 48)])).toBe(true);
    expect(serialsFitTransactions([pick('A', 45), pick('B', 49)])).toBe(false);
    expect(serialsFitTransactions([pick('A', 250)])).toBe(false);
  });

  it('when decided before serials are chosen, then the quantities count as serials and the answer is the same', () => {
    for (const picks of [[pick('A', 96)], [pick('A', 97)], [pick('A', 45), pick('B', 48)], [pick('A', 45), pick('B', 49)], [pick('A', 250)], [pick('A', 1)]]) {
      expect(serializedLineFitsTransactions(picks.map(({ serials: _s, ...rest }) => rest))).toBe(serialsFitTransactions(picks));
    }
  });

  it('when a line is not serialized, then only its lots count; 33 lots still ship in one transaction', () => {
    const lots = (count: number) => Array.from({ length: count }, (_, i) => pick(`L${i}`, 1, false));
    expect(MAX_LOTS_PER_LINE).toBe(33);
    expect(serialsFitTransactions(lots(33))).toBe(true);
    expect(serialsFitTransactions(lots(34))).toBe(false);
  });
});
