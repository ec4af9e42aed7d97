import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeLimitProblem, mergeLines, mergeTarget } from '../../../shared/orders/domain/order-merge.js';
import { ORDER_STATUSES } from '../../../shared/orders/schemas/order.js';

describe('given a held order merged into an earlier one', () => {
  it('when both order the same GTIN in the same unit, then the quantities are added on the target line', () => {
    expect(mergeLines([{ lineNo: 1, gtin: 'A', quantity: 800, unitOfMeasure: 'BX' }], [{ lineNo: 1, gtin: 'A', quantity: 800, unitOfMeasure: 'BX' }])).toEqual([
      { lineNo: 1, gtin: 'A', quantity: 1600, unitOfMeasure: 'BX' },
    ]);
  });

  it('when the held order has other GTINs or units, then they are appended with the next line numbers', () => {
    const merged = mergeLines(
      [
        { lineNo: 1, gtin: 'A', quantity: 1, unitOfMeasure: 'BX' },
        { lineNo: 2, gtin: 'B', quantity: 2 },
      ],
      [
        { lineNo: 1, gtin: 'C', quantity: 3 },
        { lineNo: 2, gtin: 'A', quantity: 4, unitOfMeasure: 'EA' },
        { lineNo: 3, gtin: 'B', quantity: 5 },
      ],
    );
    expect(merged).toEqual([
      { lineNo: 1, gtin: 'A', quantity: 1, unitOfMeasure: 'BX' },
      { lineNo: 2, gtin: 'B', quantity: 7 },
      { lineNo: 3, gtin: 'C', quantity: 3 },
      { lineNo: 4, gtin: 'A', quantity: 4, unitOfMeasure: 'EA' },
    ]);
  });

  it('when the target was priced, then the prices are dropped for a new pricing and the target expected price stands', () => {
    const target = [{ lineNo: 1, gtin: 'A', quantity: 1, expectedUnitPrice: '9.00', unitPrice: '10.00', lineTotal: '10.00' }];
    expect(mergeLines(target, [{ lineNo: 1, gtin: 'A', quantity: 1, expectedUnitPrice: '8.00' }])).toEqual([
      { lineNo: 1, gtin: 'A', quantity: 2, expectedUnitPrice: '9.00' },
    ]);
    expect(mergeLines([{ lineNo: 1, gtin: 'A', quantity: 1 }], [{ lineNo: 1, gtin: 'A', quantity: 1, expectedUnitPrice: '8.00' }])).toEqual([
      { lineNo: 1, gtin: 'A', quantity: 2, expectedUnitPrice: '8.00' },
    ]);
  });
});

describe('given the status of the order to merge into', () => {
  it.each([
    ['RECEIVED', false],
    ['VALIDATED', false],
    ['PRICED', true],
    ['AWAITING_APPROVAL', true],
  ] as const)('when it is %s, then it takes the merge (re-priced by the merge: %s)', (status, reprice) => {
    expect(mergeTarget(status)).toEqual({ mergeable: true, reprice });
  });

  it.each(['ALLOCATED', 'SHIPPED', 'INVOICED', 'ARCHIVED'] as const)('when it is %s, then it is refused as already allocated', (status) => {
    expect(mergeTarget(status)).toMatchObject({ mergeable: false, reason: expect.stringMatching(/already allocated/) });
  });

  it.each(['CREDIT_CHECKED', 'APPROVED', 'REJECTED', 'FAILED', 'CANCELLED', 'MERGED', 'POSSIBLE_DUPLICATE'] as const)(
    'when it is %s, then it is refused with a reason',
    (status) => {
      expect(mergeTarget(status)).toMatchObject({ mergeable: false, reason: expect.any(String) });
    },
  );

  it('when every status is asked, then each has an answer', () => {
    for (const status of ORDER_STATUSES) expect(mergeTarget(status)).toHaveProperty('mergeable');
  });
});

describe('given the limits every order keeps (at most 20 lines, at most 100,000 units a line)', () => {
  const lines = (count: number, quantity = 1) => Array.from({ length: count }, (_, n) => ({ lineNo: n + 1, gtin: `G${n}`, quantity }));

  it('when a merge would give more than 20 lines, then it is refused, saying how many and the limit', () => {
    expect(
      mergeLimitProblem(
        mergeLines(
          lines(15),
          lines(8).map((line) => ({ ...line, gtin: `H${line.lineNo}` })),
        ),
      ),
    ).toBe('the combined order would have 23 lines; an order has at most 20');
  });

  it('when a merge would put more than 100,000 units on a line, then it is refused, naming the line', () => {
    expect(mergeLimitProblem(mergeLines([{ lineNo: 3, gtin: 'A', quantity: 60_000 }], [{ lineNo: 1, gtin: 'A', quantity: 50_000 }]))).toBe(
      'line 3 would have 110000 units; a line has at most 100000',
    );
  });

  it('when the merge stays within the limits, then there is no problem', () => {
    expect(mergeLimitProblem(mergeLines(lines(10, 50_000), lines(10, 50_000)))).toBeUndefined();
  });

  it('when any two orders within the limits are merged, then the result is refused exactly when it breaks a limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gtin: fc.constantFrom('A', 'B', 'C', 'D'), quantity: fc.integer({ min: 1, max: 100_000 }) }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.record({ gtin: fc.constantFrom('C', 'D', 'E', 'F'), quantity: fc.integer({ min: 1, max: 100_000 }) }), { minLength: 1, maxLength: 20 }),
        (target, held) => {
          const merged = mergeLines(
            target.map((line, n) => ({ ...line, lineNo: n + 1 })),
            held.map((line, n) => ({ ...line, lineNo: n + 1 })),
          );
          const breaks = merged.length > 20 || merged.some((line) => line.quantity > 100_000);
          expect(mergeLimitProblem(merged) !== undefined).toBe(breaks);
        },
      ),
    );
  });
});
