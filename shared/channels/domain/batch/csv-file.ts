import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/** Order-level columns: every row of one customer PO must carry the same values. */
export const ORDER_COLUMNS = [
  'customerId',
  'customerPo',
  'requestedDeliveryDate',
  'shipToName',
  'shipToLine1',
  'shipToLine2',
  'shipToCity',
  'shipToPostalCode',
  'shipToCountry',
] as const;
export const LINE_COLUMNS = ['gtin', 'quantity', 'expectedUnitPrice'] as const;
export const BATCH_COLUMNS = [...ORDER_COLUMNS, ...LINE_COLUMNS] as const;
export type BatchColumn = (typeof BATCH_COLUMNS)[number];

/** Columns a file may leave out (their fields are optional in the canonical order). */
export const OPTIONAL_COLUMNS: ReadonlySet<BatchColumn> = new Set(['requestedDeliveryDate', 'shipToLine2', 'expectedUnitPrice']);

/** One data row: its line in the file (header = 1) and its cells by column. */
export interface CsvRow {
  line: number;
  cells: Partial<Record<BatchColumn, string>>;
  /** Set when the row cannot be read cell by cell (wrong number of fields). */
  problem?: string;
}

export type CsvFile = { ok: true; rows: CsvRow[] } | { ok: false; reason: string };

/** More rows than this would not fit the processor's report and chunking limits; split the file. */
export const MAX_ROWS = 20_000;

const isColumn = (name: string): name is BatchColumn => (BATCH_COLUMNS as readonly string[]).includes(name);

// Control characters other than tab, CR and LF never occur in a text CSV; they mean a binary upload.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point (a binary upload).
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const ParsedRecords = z.array(z.object({ record: z.array(z.string()), info: z.object({ lines: z.number().int() }) }));

/** Decodes the upload as UTF-8, refusing anything that is not (a BOM is allowed and dropped). */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'The file is not UTF-8 text; save it as CSV UTF-8.' };
  }
}

/**
 * Reads an upload as the batch channel's CSV: a header row naming the
 * columns, then one row per order line. Anything that is not that file
 * (empty, binary, not UTF-8, unparseable, unknown/missing/duplicate columns)
 * is refused whole; a row that merely has bad values is left to the order
 * checks, so the file's other orders can proceed.
 */
export function readBatchCsv(text: string): CsvFile {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, reason: 'The file is empty; send a header row and at least one order line.' };
  // A text body that reached us with undecodable bytes carries replacement characters instead.
  if (body.includes('\uFFFD')) return { ok: false, reason: 'The file is not UTF-8 text (it has undecodable bytes); save it as CSV UTF-8.' };
  const binary = BINARY.exec(body);
  if (binary) {
    const line = body.slice(0, binary.index).split('\n').length;
    return {
      ok: false,
      reason: `The file is not a text CSV: control character U+${binary[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} on line ${line}.`,
    };
  }

  let records: z.infer<typeof ParsedRecords>;
  try {
    records = ParsedRecords.parse(parse(body, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `The file cannot be read as CSV: ${message}` };
  }

  const [header, ...data] = records;
  if (!header) return { ok: false, reason: 'The file is empty; send a header row and at least one order line.' };
  const names = header.record;
  const seen = new Set<string>();
  const duplicates = names.filter((name) => (seen.has(name) ? true : (seen.add(name), false)));
  if (duplicates.length > 0) return { ok: false, reason: `Duplicate columns in the header: ${[...new Set(duplicates)].join(', ')}.` };
  const unknown = names.filter((name) => !isColumn(name));
  if (unknown.length > 0) {
    return {
      ok: false,
      reason: `Unknown columns in the header: ${unknown.map((name) => JSON.stringify(name)).join(', ')}. The columns are ${BATCH_COLUMNS.join(',')}.`,
    };
  }
  const missing = BATCH_COLUMNS.filter((column) => !OPTIONAL_COLUMNS.has(column) && !seen.has(column));
  if (missing.length > 0) return { ok: false, reason: `Missing columns in the header: ${missing.join(', ')}.` };
  if (data.length === 0) return { ok: false, reason: 'The file has a header but no order lines.' };
  if (data.length > MAX_ROWS) return { ok: false, reason: `The file has ${data.length} rows; at most ${MAX_ROWS} per file, split it.` };

  const columns = names.filter(isColumn);
  const rows = data.map(({ record, info }): CsvRow => {
    // Cells are still mapped by position so a malformed row is reported with the order it most likely belongs to.
    const cells = Object.fromEntries(columns.map((column, index) => [column, record[index] ?? '']));
    return record.length === columns.length
      ? { line: info.lines, cells }
      : { line: info.lines, cells, problem: `has ${record.length} fields, the header has ${columns.length}` };
  });
  return { ok: true, rows };
}
