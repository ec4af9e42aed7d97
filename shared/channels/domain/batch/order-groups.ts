import type { z } from 'zod';
import { PlaceOrderRequest } from '../../../orders/schemas/order.js';
import type { BatchRowError } from '../../schemas/batch.js';
import { ORDER_COLUMNS, type BatchColumn, type CsvRow } from './csv-file.js';

/** The rows of one customer PO: a valid order request, or the row errors that keep it from being placed. */
export interface OrderGroup {
  customerPo: string;
  customerId: string;
  rows: number[];
  request?: PlaceOrderRequest;
  errors: BatchRowError[];
}

const SHIP_TO_COLUMNS: Record<string, BatchColumn> = {
  name: 'shipToName',
  line1: 'shipToLine1',
  line2: 'shipToLine2',
  city: 'shipToCity',
  postalCode: 'shipToPostalCode',
  country: 'shipToCountry',
};

const cell = (row: CsvRow, column: BatchColumn) => row.cells[column] ?? '';
const optional = (value: string) => (value === '' ? undefined : value);

/**
 * Groups the rows into orders by customer PO, in the order each PO first
 * appears. Rows without a PO cannot belong to any order: each is refused on
 * its own.
 */
export function groupRows(rows: readonly CsvRow[]): CsvRow[][] {
  const groups = new Map<string, CsvRow[]>();
  const orphans: CsvRow[][] = [];
  const order: (string | CsvRow[])[] = [];
  for (const row of rows) {
    const po = cell(row, 'customerPo');
    if (po === '') {
      const alone = [row];
      orphans.push(alone);
      order.push(alone);
      continue;
    }
    const group = groups.get(po);
    if (group) group.push(row);
    else {
      groups.set(po, [row]);
      order.push(po);
    }
  }
  return order.map((entry) => (typeof entry === 'string' ? groups.get(entry)! : entry));
}

/** Every row must repeat the first row's order-level fields; a row that differs is named with the field. */
function disagreements(rows: readonly CsvRow[]): BatchRowError[] {
  const [first, ...rest] = rows;
  if (!first) return [];
  const errors: BatchRowError[] = [];
  for (const row of rest) {
    for (const column of ORDER_COLUMNS) {
      if (cell(row, column) !== cell(first, column)) {
        errors.push({
          row: row.line,
          field: column,
          message: `"${cell(row, column)}" differs from "${cell(first, column)}" on row ${first.line}; all rows of customer PO ${cell(first, 'customerPo')} must agree`,
        });
      }
    }
  }
  return errors;
}

function quantityOf(text: string): number | string {
  return /^\d{1,9}$/.test(text) ? Number(text) : text;
}

/** Maps a validation issue of the assembled order back to the file: the row of the line, the CSV column. */
function rowErrorOf(path: readonly PropertyKey[], message: string, rows: readonly CsvRow[]): BatchRowError {
  const first = rows[0]!.line;
  const [head, index, field] = path;
  if (head === 'lines' && typeof index === 'number') {
    return { row: rows[index]?.line ?? first, field: typeof field === 'string' ? field : '(row)', message };
  }
  if (head === 'lines') return { row: first, field: 'customerPo', message: `${message} (this PO has ${rows.length} rows)` };
  if (head === 'shipTo' && typeof index === 'string') return { row: first, field: SHIP_TO_COLUMNS[index] ?? 'shipTo', message };
  return { row: first, field: typeof head === 'string' ? head : '(row)', message };
}

/**
 * Turns the rows of one customer PO into the canonical order request, or
 * into the reasons it cannot be one. The request is checked by the same
 * schema the other channels' orders are.
 */
export function orderFromRows(rows: readonly CsvRow[]): OrderGroup {
  const first = rows[0];
  if (!first) throw new Error('an order group has at least one row');
  const base = { customerPo: cell(first, 'customerPo'), customerId: cell(first, 'customerId'), rows: rows.map((row) => row.line) };
  const errors: BatchRowError[] = rows.flatMap((row) => (row.problem ? [{ row: row.line, field: '(row)', message: row.problem }] : []));
  // A row with the wrong number of fields is reported as such; its shifted cells would only add noise here.
  errors.push(...disagreements(rows.filter((row) => !row.problem || row === first)));

  const quantityErrors = rows.flatMap((row) =>
    typeof quantityOf(cell(row, 'quantity')) === 'number' ? [] : [{ row: row.line, field: 'quantity', message: 'must be a whole number of units' }],
  );
  errors.push(...quantityErrors);

  const candidate = {
    customerId: cell(first, 'customerId'),
    customerPo: cell(first, 'customerPo'),
    requestedDeliveryDate: optional(cell(first, 'requestedDeliveryDate')),
    shipTo: {
      name: cell(first, 'shipToName'),
      line1: cell(first, 'shipToLine1'),
      line2: optional(cell(first, 'shipToLine2')),
      city: cell(first, 'shipToCity'),
      postalCode: cell(first, 'shipToPostalCode'),
      country: cell(first, 'shipToCountry'),
    },
    lines: rows.map((row) => ({
      gtin: cell(row, 'gtin'),
      // A quantity that is not a whole number is already reported; 1 keeps the line's other checks running.
      quantity: typeof quantityOf(cell(row, 'quantity')) === 'number' ? quantityOf(cell(row, 'quantity')) : 1,
      expectedUnitPrice: optional(cell(row, 'expectedUnitPrice')),
    })),
  };
  const parsed = PlaceOrderRequest.safeParse(candidate);
  if (!parsed.success) {
    errors.push(...parsed.error.issues.map((issue) => rowErrorOf(issue.path, issue.message, rows)));
  }
  const sorted = dedupe(errors).sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
  return sorted.length === 0 && parsed.success ? { ...base, request: parsed.data, errors: [] } : { ...base, errors: sorted };
}

/** The first problem of each cell: a GTIN of letters is not also told its check digit is wrong. */
function dedupe(errors: BatchRowError[]): BatchRowError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.row}\u0000${error.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The file's orders, in the order their POs first appear. */
export function ordersOfFile(rows: readonly CsvRow[]): OrderGroup[] {
  return groupRows(rows).map(orderFromRows);
}
