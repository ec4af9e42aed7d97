import { describe, expect, it } from 'vitest';
import { labelScans } from '../../../infra/local/scanner.js';
import { allocatedUnits, pickedUnits, pickMatchesAllocation, pickTimeoutOutcome } from '../../../shared/inventory/domain/pick-confirmation.js';
import { checkPick, type AllocatedLine } from '../../../shared/inventory/domain/pick-verification.js';

const today = '2026-11-25';
const GLOVES = '09501101530003';
const STENT = '00614141999996';
const lines: (AllocatedLine & { quantity: number })[] = [
  {
    lineNo: 1,
    gtin: GLOVES,
    quantity: 3,
    picks: [
      { lotNumber: 'GL1', expiry: '2028-01-31', quantity: 2 },
      { lotNumber: 'GL2', expiry: '2028-06-30', quantity: 1 },
    ],
  },
  { lineNo: 2, gtin: STENT, quantity: 2, picks: [{ lotNumber: 'ST1', expiry: '2028-03-31', quantity: 2, serials: ['SN2', 'SN1'] }] },
];

describe('given an order allocated to two glove lots and two stent serials', () => {
  it('when the scripted scanner labels the allocation, then the pick check accepts every label and finds the pick complete', () => {
    const scans = labelScans(lines);
    expect(scans).toEqual([
      `(01)${GLOVES}(17)280131(30)2(10)GL1`,
      `(01)${GLOVES}(17)280630(30)1(10)GL2`,
      `(01)${STENT}(17)280331(10)ST1(21)SN2`,
      `(01)${STENT}(17)280331(10)ST1(21)SN1`,
    ]);
    const check = checkPick(lines, scans, today);
    expect(check.complete).toBe(true);
    expect(check.verdicts.every((verdict) => verdict.accepted)).toBe(true);
  });

  it('when the accepted scans are summed, then each line and lot has its quantity and its serials sorted, refused scans left out', () => {
    const check = checkPick(lines, [...labelScans(lines), `(01)${GLOVES}(17)280131(10)WRONG`], today);
    expect(pickedUnits(check.verdicts)).toEqual([
      { lineNo: 1, gtin: GLOVES, lotNumber: 'GL1', quantity: 2 },
      { lineNo: 1, gtin: GLOVES, lotNumber: 'GL2', quantity: 1 },
      { lineNo: 2, gtin: STENT, lotNumber: 'ST1', quantity: 2, serials: ['SN1', 'SN2'] },
    ]);
  });

  it('when a complete scan is compared with the allocation, then it matches whatever the scan order', () => {
    const check = checkPick(lines, [...labelScans(lines)].reverse(), today);
    expect(pickMatchesAllocation(pickedUnits(check.verdicts), lines)).toBe(true);
    expect(allocatedUnits(lines)).toEqual(pickedUnits(check.verdicts));
  });

  it('when the allocation changed after the scan (another serial, another lot or quantity), then the scan no longer matches', () => {
    const picked = pickedUnits(checkPick(lines, labelScans(lines), today).verdicts);
    const otherSerial = [lines[0]!, { ...lines[1]!, picks: [{ lotNumber: 'ST1', expiry: '2028-03-31', quantity: 2, serials: ['SN1', 'SN3'] }] }];
    const otherLot = [{ ...lines[0]!, picks: [{ lotNumber: 'GL3', expiry: '2028-01-31', quantity: 3 }] }, lines[1]!];
    const fewer = [{ ...lines[0]!, picks: [{ lotNumber: 'GL1', expiry: '2028-01-31', quantity: 2 }] }, lines[1]!];
    expect(pickMatchesAllocation(picked, otherSerial)).toBe(false);
    expect(pickMatchesAllocation(picked, otherLot)).toBe(false);
    expect(pickMatchesAllocation(picked, fewer)).toBe(false);
    expect(pickMatchesAllocation([], lines)).toBe(false);
  });
});

describe('given the warehouse did not confirm the scan in time', () => {
  it('when the pick task is still pending (or gone), then the order is rejected naming the wait and the released stock', () => {
    const expected = {
      outcome: 'REJECT',
      reason: 'not picked: the warehouse did not confirm the scan-to-ship within 3 days; the reserved stock was released',
    };
    expect(pickTimeoutOutcome('EXPIRED', 259_200)).toEqual(expected);
    expect(pickTimeoutOutcome(undefined, 259_200)).toEqual(expected);
    expect(pickTimeoutOutcome('CANCELLED', 45)).toMatchObject({ reason: expect.stringContaining('within 45 seconds') });
  });

  it('when a confirmation won the task in the same instant, then the scanned goods ship', () => {
    expect(pickTimeoutOutcome('CONFIRMED', 45)).toEqual({ outcome: 'CONTINUE' });
  });
});
