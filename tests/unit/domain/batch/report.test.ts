import { describe, expect, it } from 'vitest';
import { badRowsCsv, syncStatusCode, tally } from '../../../../shared/channels/domain/batch/report.js';
import type { BatchOrderResult } from '../../../../shared/channels/schemas/batch.js';

const result = (outcome: BatchOrderResult['outcome'], rows: number[], extra: Partial<BatchOrderResult> = {}): BatchOrderResult => ({
  customerPo: `PO-${rows[0]}`,
  customerId: 'C',
  rows,
  outcome,
  ...extra,
});

describe('given the results of a batch file', () => {
  const results = [
    result('CREATED', [2, 3], { orderId: 'ORD-1' }),
    result('HELD', [8], { orderId: 'ORD-2', reason: 'held as a possible duplicate of ORD-1' }),
    result('DUPLICATE', [4], { orderId: 'ORD-0' }),
    result('REFUSED', [5, 6], { errors: [{ row: 6, field: 'gtin', message: 'GTIN check digit is wrong' }] }),
    result('FAILED', [7]),
  ];

  it('when they are tallied, then rows and orders processed and each outcome are counted', () => {
    expect(tally(results, { rows: 10, orders: 5 })).toEqual({
      rows: 10,
      orders: 5,
      rowsProcessed: 7,
      ordersProcessed: 5,
      created: 1,
      held: 1,
      duplicates: 1,
      refused: 1,
      failed: 1,
    });
  });

  it('when every order of a small file was created, then 200; when any was not (a held one included), then 207', () => {
    expect(syncStatusCode(tally([results[0]!], { rows: 2, orders: 1 }))).toBe(200);
    expect(syncStatusCode(tally(results, { rows: 7, orders: 5 }))).toBe(207);
    expect(syncStatusCode(tally([results[0]!, results[1]!], { rows: 3, orders: 2 }))).toBe(207);
  });

  it('when the bad rows are written as CSV, then each error is a row and cells with commas or quotes are quoted', () => {
    const csv = badRowsCsv([...results, result('REFUSED', [9], { customerPo: 'PO,"9"', errors: [{ row: 9, field: 'shipToCity', message: 'a, b' }] })]);
    expect(csv).toBe('row,customerPo,field,message\r\n6,PO-5,gtin,GTIN check digit is wrong\r\n9,"PO,""9""",shipToCity,"a, b"\r\n');
  });
});
