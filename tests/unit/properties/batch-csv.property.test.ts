import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_COLUMNS, OPTIONAL_COLUMNS, readBatchCsv } from '../../../shared/channels/domain/batch/csv-file.js';
import { ordersOfFile } from '../../../shared/channels/domain/batch/order-groups.js';
import { badRowsCsv } from '../../../shared/channels/domain/batch/report.js';
import type { BatchOrderResult } from '../../../shared/channels/schemas/batch.js';
import { withinTime } from './bounds.js';

/**
 * A batch upload is any file a customer's spreadsheet exports. Reading it
 * must end in rows or one reason, and every refused order in errors that
 * name the row and the column; the bad-rows CSV this system writes must read
 * back cell for cell.
 */
const quoted = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Cells from spreadsheet-ish text: separators, quotes, line breaks, BOMs, non-ASCII, control characters. */
const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', ',', '"', '""', '\r\n', '\n', ' 5 ', '05012345678900', 'DE', '2026-12-01', '12.50', '-1', '1e3', '\uFEFF', '\u0000'),
);
const header = fc.oneof(fc.constant([...BATCH_COLUMNS]), fc.shuffledSubarray([...BATCH_COLUMNS, 'customerid', 'extra', ''], { minLength: 1 }));
const file = fc
  .tuple(header, fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 8 }), fc.constantFrom('\r\n', '\n'), fc.boolean())
  .map(([names, rows, newline, asIs]) => [names.join(','), ...rows.map((cells) => (asIs ? cells.join(',') : cells.map(quoted).join(',')))].join(newline));

describe('given any text uploaded as a batch CSV (property-based)', () => {
  it('when it is read and its orders assembled, then the answer is rows and orders or one reason, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(file, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const read = readBatchCsv(text);
        if (!read.ok) {
          expect(read.reason.length).toBeGreaterThan(0);
          return;
        }
        for (const order of ordersOfFile(read.rows)) {
          expect(order.request !== undefined || order.errors.length > 0).toBe(true);
          const lines = new Set(read.rows.map((row) => row.line));
          for (const error of order.errors) {
            // Every problem names a row of the file and a column of the batch format (or the row as a whole).
            expect(lines).toContain(error.row);
            expect([...BATCH_COLUMNS, '(row)']).toContain(error.field);
            expect(error.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('when the header has an unknown or repeated column or lacks one, then the file is refused with a reason naming those columns', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...BATCH_COLUMNS], { minLength: 1 }), fc.constantFrom('colour', 'customer id', 'gtin'), (names, odd) => {
        const sent = new Set([...names, odd]);
        const missing = BATCH_COLUMNS.filter((column) => !OPTIONAL_COLUMNS.has(column) && !sent.has(column));
        // A gtin column completing an otherwise full header is a good header, not this case.
        fc.pre(!(odd === 'gtin' && !names.includes(odd) && missing.length === 0));
        const read = readBatchCsv(`${[...names, odd].join(',')}\r\n${names.map(() => 'x').join(',')},x\r\n`);
        expect(read.ok).toBe(false);
        if (read.ok) return;
        // An unknown or repeated column is named; a header that is merely short names every column it lacks.
        if (read.reason.startsWith('Missing columns')) for (const column of missing) expect(read.reason).toContain(column);
        else expect(read.reason).toContain(odd);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['one quote and 100,000 characters', `${BATCH_COLUMNS.join(',')}\r\n"${'a'.repeat(100_000)}`],
    ['100,000 commas', `${BATCH_COLUMNS.join(',')}\r\n${','.repeat(100_000)}`],
    ['100,000 quotes', '"'.repeat(100_000)],
    ['50,000 empty lines', `${BATCH_COLUMNS.join(',')}${'\r\n'.repeat(50_000)}`],
    ['a header of 10,000 unknown columns', Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')],
  ])('when it is %s, then it is answered within 1 s', (_name, text) => {
    withinTime(1000, () => {
      const read = readBatchCsv(text);
      if (read.ok) ordersOfFile(read.rows);
    });
  });
});

describe('given any refused rows of a batch (property-based)', () => {
  const result: fc.Arbitrary<BatchOrderResult> = fc.record({
    customerPo: fc.string({ unit: 'grapheme', maxLength: 20 }),
    customerId: fc.constant('CUST-ACME'),
    rows: fc.array(fc.integer({ min: 2, max: 20_001 }), { minLength: 1, maxLength: 3 }),
    outcome: fc.constant('REFUSED' as const),
    errors: fc.array(
      fc.record({
        row: fc.integer({ min: 2, max: 20_001 }),
        field: fc.constantFrom(...BATCH_COLUMNS, '(row)'),
        message: fc.string({ unit: 'grapheme', maxLength: 40 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });

  it('when the bad-rows CSV is written and read back, then every cell comes back exactly', () => {
    fc.assert(
      fc.property(fc.array(result, { maxLength: 5 }), (results) => {
        const records = parse(badRowsCsv(results), { relax_column_count: false }) as string[][];
        expect(records[0]).toEqual(['row', 'customerPo', 'field', 'message']);
        expect(records.slice(1)).toEqual(
          results.flatMap((r) => (r.errors ?? []).map((error) => [String(error.row), r.customerPo, error.field, error.message])),
        );
      }),
      { numRuns: 300 },
    );
  });
});
