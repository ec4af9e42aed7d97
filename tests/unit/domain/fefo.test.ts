import { describe, expect, it } from 'vitest';
import { isPickable, planFefoAllocation, type AllocationRules, type LotAvailability } from '../../../shared/inventory/domain/fefo.js';
import type { LotStatus } from '../../../shared/inventory/schemas/inventory.js';

const STENT = '05012345678900';
const CATHETER = '00036000291452';

/** Delivery on 1 March 2025; the customer wants 30 days left, so a lot must be usable until 31 March. */
const rules: AllocationRules = { deliveryDate: '2025-03-01', minRemainingShelfLifeDays: 30 };

const lot = (lotNumber: string, expiry: string, available: number, status: LotStatus = 'RELEASED'): LotAvailability => ({
  lotNumber,
  expiry,
  status,
  available,
});

const stock = (entries: Record<string, LotAvailability[]>) => new Map(Object.entries(entries));

describe('given lots with different statuses and expiries', () => {
  it('when a released lot expires well after the required shelf life, then it is pickable', () => {
    expect(isPickable(lot('L1', '2026-01-31', 10), rules)).toBe(true);
  });

  it.each<LotStatus>(['QUARANTINED', 'ON_HOLD', 'REJECTED'])('when a lot is %s, then it is never pickable', (status) => {
    expect(isPickable(lot('L1', '2030-01-01', 10, status), rules)).toBe(false);
  });

  it('when a released lot has nothing available, then it is not pickable', () => {
    expect(isPickable(lot('L1', '2030-01-01', 0), rules)).toBe(false);
    expect(isPickable(lot('L1', '2030-01-01', -1), rules)).toBe(false);
  });

  it('when a lot expires exactly on the last day it must be usable, then it is still pickable', () => {
    expect(isPickable(lot('L1', '2025-03-31', 10), rules)).toBe(true);
  });

  it('when a lot expires one day before the required shelf life ends, then it is too short-dated to pick', () => {
    expect(isPickable(lot('L1', '2025-03-30', 10), rules)).toBe(false);
  });

  it('when a lot is already expired on the delivery date, then it is not pickable', () => {
    expect(isPickable(lot('L1', '2025-02-28', 10), rules)).toBe(false);
  });

  it('when no shelf life is required, then a lot expiring on the delivery day is pickable and the day before is not', () => {
    const noShelfLife = { deliveryDate: '2025-03-01', minRemainingShelfLifeDays: 0 };
    expect(isPickable(lot('L1', '2025-03-01', 1), noShelfLife)).toBe(true);
    expect(isPickable(lot('L1', '2025-02-28', 1), noShelfLife)).toBe(false);
  });
});

describe('given several pickable lots of one GTIN', () => {
  it('when a line is allocated, then it takes the earliest-expiring lot first, whatever order the lots come in', () => {
    const plan = planFefoAllocation(
      [{ lineNo: 1, gtin: STENT, quantity: 5 }],
      stock({ [STENT]: [lot('LATE', '2027-01-01', 100), lot('EARLY', '2025-06-30', 100), lot('MIDDLE', '2026-01-01', 100)] }),
      rules,
    );
    expect(plan).toEqual({
      outcome: 'ALLOCATABLE',
      lines: [{ lineNo: 1, gtin: STENT, picks: [{ lotNumber: 'EARLY', expiry: '2025-06-30', quantity: 5 }] }],
    });
  });

  it('when the earliest lot is too small, then the line is split across lots in expiry order', () => {
    const plan = planFefoAllocation(
      [{ lineNo: 1, gtin: STENT, quantity: 12 }],
      stock({ [STENT]: [lot('C', '2027-01-01', 100), lot('A', '2025-06-30', 5), lot('B', '2026-01-01', 4)] }),
      rules,
    );
    expect(plan).toEqual({
      outcome: 'ALLOCATABLE',
      lines: [
        {
          lineNo: 1,
          gtin: STENT,
          picks: [
            { lotNumber: 'A', expiry: '2025-06-30', quantity: 5 },
            { lotNumber: 'B', expiry: '2026-01-01', quantity: 4 },
            { lotNumber: 'C', expiry: '2027-01-01', quantity: 3 },
          ],
        },
      ],
    });
  });

  it('when a line takes exactly all pickable stock, then it is allocatable with nothing left over', () => {
    const plan = planFefoAllocation(
      [{ lineNo: 1, gtin: STENT, quantity: 9 }],
      stock({ [STENT]: [lot('A', '2025-06-30', 5), lot('B', '2026-01-01', 4)] }),
      rules,
    );
    expect(plan.outcome).toBe('ALLOCATABLE');
  });

  it('when two lots expire on the same day, then the lower lot number goes first', () => {
    const plan = planFefoAllocation(
      [{ lineNo: 1, gtin: STENT, quantity: 3 }],
      stock({ [STENT]: [lot('LOT-B', '2025-12-31', 2), lot('LOT-A', '2025-12-31', 2)] }),
      rules,
    );
    expect(plan.outcome === 'ALLOCATABLE' && plan.lines[0]?.picks).toEqual([
      { lotNumber: 'LOT-A', expiry: '2025-12-31', quantity: 2 },
      { lotNumber: 'LOT-B', expiry: '2025-12-31', quantity: 1 },
    ]);
  });
});

describe('given earlier-expiring lots that may not be picked', () => {
  const lots = [
    lot('QUARANTINED', '2025-04-01', 100, 'QUARANTINED'),
    lot('ON-HOLD', '2025-04-02', 100, 'ON_HOLD'),
    lot('REJECTED', '2025-04-03', 100, 'REJECTED'),
    lot('EXPIRED', '2025-02-01', 100),
    lot('SHORT-DATED', '2025-03-30', 100),
    lot('EMPTY', '2025-04-04', 0),
    lot('BOUNDARY', '2025-03-31', 2),
    lot('GOOD', '2026-06-30', 100),
  ];

  it('when a line is allocated, then it skips non-released, expired, empty and short-shelf-life lots, keeping the boundary-day lot', () => {
    const plan = planFefoAllocation([{ lineNo: 1, gtin: STENT, quantity: 5 }], stock({ [STENT]: lots }), rules);
    expect(plan.outcome === 'ALLOCATABLE' && plan.lines[0]?.picks).toEqual([
      { lotNumber: 'BOUNDARY', expiry: '2025-03-31', quantity: 2 },
      { lotNumber: 'GOOD', expiry: '2026-06-30', quantity: 3 },
    ]);
  });

  it('when only unpickable lots have the quantity, then the line is short', () => {
    const plan = planFefoAllocation([{ lineNo: 1, gtin: STENT, quantity: 103 }], stock({ [STENT]: lots }), rules);
    expect(plan).toEqual({ outcome: 'INSUFFICIENT_STOCK', shortages: [{ lineNo: 1, gtin: STENT, missing: 1 }] });
  });
});

describe('given two lines of the same GTIN', () => {
  it('when both are allocated, then the second continues where the first stopped and no unit is promised twice', () => {
    const plan = planFefoAllocation(
      [
        { lineNo: 1, gtin: STENT, quantity: 4 },
        { lineNo: 2, gtin: STENT, quantity: 4 },
      ],
      stock({ [STENT]: [lot('A', '2025-06-30', 5), lot('B', '2026-01-01', 10)] }),
      rules,
    );
    expect(plan).toEqual({
      outcome: 'ALLOCATABLE',
      lines: [
        { lineNo: 1, gtin: STENT, picks: [{ lotNumber: 'A', expiry: '2025-06-30', quantity: 4 }] },
        {
          lineNo: 2,
          gtin: STENT,
          picks: [
            { lotNumber: 'A', expiry: '2025-06-30', quantity: 1 },
            { lotNumber: 'B', expiry: '2026-01-01', quantity: 3 },
          ],
        },
      ],
    });
  });

  it('when together they want more than there is, then the later line is short by the difference', () => {
    const plan = planFefoAllocation(
      [
        { lineNo: 1, gtin: STENT, quantity: 8 },
        { lineNo: 2, gtin: STENT, quantity: 5 },
      ],
      stock({ [STENT]: [lot('A', '2025-06-30', 10)] }),
      rules,
    );
    expect(plan).toEqual({ outcome: 'INSUFFICIENT_STOCK', shortages: [{ lineNo: 2, gtin: STENT, missing: 3 }] });
  });
});

describe('given an order that cannot be filled completely', () => {
  it('when one line of several is short, then nothing is allocated and only the short lines are reported', () => {
    const plan = planFefoAllocation(
      [
        { lineNo: 1, gtin: STENT, quantity: 2 },
        { lineNo: 2, gtin: CATHETER, quantity: 50 },
      ],
      stock({ [STENT]: [lot('S1', '2026-01-01', 10)], [CATHETER]: [lot('C1', '2026-01-01', 20), lot('C2', '2026-02-01', 10)] }),
      rules,
    );
    expect(plan).toEqual({ outcome: 'INSUFFICIENT_STOCK', shortages: [{ lineNo: 2, gtin: CATHETER, missing: 20 }] });
    expect(plan).not.toHaveProperty('lines');
  });

  it('when several lines are short, then every shortage is reported with its missing quantity', () => {
    const plan = planFefoAllocation(
      [
        { lineNo: 1, gtin: STENT, quantity: 12 },
        { lineNo: 2, gtin: CATHETER, quantity: 3 },
      ],
      stock({ [STENT]: [lot('S1', '2026-01-01', 10)] }),
      rules,
    );
    expect(plan).toEqual({
      outcome: 'INSUFFICIENT_STOCK',
      shortages: [
        { lineNo: 1, gtin: STENT, missing: 2 },
        { lineNo: 2, gtin: CATHETER, missing: 3 },
      ],
    });
  });

  it('when a GTIN has no lots at all, then the whole line quantity is missing', () => {
    const plan = planFefoAllocation([{ lineNo: 1, gtin: CATHETER, quantity: 7 }], new Map(), rules);
    expect(plan).toEqual({ outcome: 'INSUFFICIENT_STOCK', shortages: [{ lineNo: 1, gtin: CATHETER, missing: 7 }] });
  });
});

describe('given the stock handed to the planner', () => {
  it('when a plan is made, then the caller’s lot records are not changed', () => {
    const lots = [lot('A', '2025-06-30', 5), lot('B', '2026-01-01', 10)];
    const snapshot = structuredClone(lots);
    planFefoAllocation([{ lineNo: 1, gtin: STENT, quantity: 12 }], stock({ [STENT]: lots }), rules);
    expect(lots).toEqual(snapshot);
  });

  it('when the same stock is planned twice, then both plans are identical', () => {
    const lotsByGtin = stock({ [STENT]: [lot('A', '2025-06-30', 5), lot('B', '2026-01-01', 10)] });
    const demands = [{ lineNo: 1, gtin: STENT, quantity: 7 }];
    expect(planFefoAllocation(demands, lotsByGtin, rules)).toEqual(planFefoAllocation(demands, lotsByGtin, rules));
  });
});
