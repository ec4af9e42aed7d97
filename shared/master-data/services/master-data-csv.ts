import type { z } from 'zod';
import { fieldErrors } from '../../platform/schemas/field-errors.js';
import { CustomerData, PriceListData, ProductData, type MasterKind } from '../schemas/master-data.js';

/**
 * CSV files for the bulk import, parsed and validated as a whole before
 * anything is written. Every bad row is reported with its line number (the
 * header is line 1); a file with any bad row imports nothing.
 */

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface RowError {
  line: number;
  message: string;
}

/** RFC 4180: commas, double quotes ("" inside quotes), CRLF or LF; a quoted field may span lines. */
export function parseCsv(text: string): { rows: CsvRow[]; errors: RowError[] } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      fieldStarted = false;
      line += 1;
      recordLine = line;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) return { rows: [], errors: [{ line: recordLine, message: 'a quoted field is not closed' }] };
  if (field !== '' || fields.length > 0) records.push({ line: recordLine, fields: [...fields, field] });
  const nonEmpty = records.filter((record) => record.fields.some((value) => value.trim() !== ''));
  const [header, ...body] = nonEmpty;
  if (!header) return { rows: [], errors: [{ line: 1, message: 'the file is empty; the first line must name the columns' }] };
  const columns = header.fields.map((name) => name.trim());
  const errors: RowError[] = [];
  const rows: CsvRow[] = [];
  for (const record of body) {
    if (record.fields.length !== columns.length) {
      errors.push({ line: record.line, message: `${record.fields.length} fields, the header has ${columns.length}` });
      continue;
    }
    rows.push({ line: record.line, values: Object.fromEntries(columns.map((name, index) => [name, record.fields[index]!.trim()])) });
  }
  return { rows, errors };
}

const optional = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
const list = (value: string | undefined) =>
  optional(value)
    ? value!
        .split(';')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];
const integer = (value: string | undefined) => (optional(value) === undefined ? undefined : /^-?\d+$/.test(value!) ? Number(value) : value);
const bool = (value: string | undefined) => {
  const v = optional(value)?.toLowerCase();
  return v === 'true' || v === 'yes' || v === '1' ? true : v === 'false' || v === 'no' || v === '0' ? false : value;
};
const withoutUndefined = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

function issues(line: number, error: z.ZodError): RowError[] {
  return fieldErrors(error).map((issue) => ({ line, message: `${issue.path}: ${issue.message}` }));
}

/** customerId, legalName, customerGroup, status, creditLimit, currency, paymentTermsDays, minRemainingShelfLifeDays, contactEmail, channels (a;b), licences (class:number:expiry;...) */
function customerOf(row: CsvRow): Record<string, unknown> {
  const v = row.values;
  return withoutUndefined({
    customerId: v.customerId,
    legalName: v.legalName,
    customerGroup: optional(v.customerGroup),
    status: v.status,
    creditLimit: v.creditLimit,
    currency: v.currency,
    paymentTermsDays: integer(v.paymentTermsDays),
    minRemainingShelfLifeDays: integer(v.minRemainingShelfLifeDays),
    contactEmail: v.contactEmail,
    channels: list(v.channels),
    licences: list(v.licences).map((licence) => {
      const [deviceClass, number, expiry] = licence.split(':');
      return { deviceClass, number, expiry };
    }),
  });
}

/** gtin, name, deviceClass, regulatoryStatus, unitOfMeasure, lotControlled, serialControlled, shelfLifeDays, retentionYears */
function productOf(row: CsvRow): Record<string, unknown> {
  const v = row.values;
  return withoutUndefined({
    gtin: v.gtin,
    name: v.name,
    deviceClass: v.deviceClass,
    regulatoryStatus: v.regulatoryStatus,
    unitOfMeasure: v.unitOfMeasure,
    lotControlled: bool(v.lotControlled),
    serialControlled: bool(v.serialControlled),
    shelfLifeDays: integer(v.shelfLifeDays),
    retentionYears: integer(v.retentionYears),
  });
}

const PRICE_LIST_HEADER = ['name', 'currency', 'channel', 'customerGroup', 'validFrom', 'validTo'] as const;

/**
 * One row per price-list line: priceListId, name, currency, channel, customerGroup, validFrom, validTo
 * (the same on every row of a list), gtin, unitPrice, breaks (minQuantity:unitPrice;...).
 */
function priceListsOf(rows: readonly CsvRow[]): { records: { lines: number[]; data: Record<string, unknown> }[]; errors: RowError[] } {
  const groups = new Map<string, CsvRow[]>();
  for (const row of rows) groups.set(row.values.priceListId ?? '', [...(groups.get(row.values.priceListId ?? '') ?? []), row]);
  const errors: RowError[] = [];
  const records: { lines: number[]; data: Record<string, unknown> }[] = [];
  for (const [priceListId, group] of groups) {
    const first = group[0]!;
    for (const row of group.slice(1)) {
      const differing = PRICE_LIST_HEADER.filter((column) => (row.values[column] ?? '') !== (first.values[column] ?? ''));
      if (differing.length > 0)
        errors.push({ line: row.line, message: `${differing.join(', ')} differ(s) from line ${first.line} of price list ${priceListId}` });
    }
    const data = withoutUndefined({
      priceListId,
      name: first.values.name,
      currency: first.values.currency,
      channel: optional(first.values.channel),
      customerGroup: optional(first.values.customerGroup),
      validFrom: first.values.validFrom,
      validTo: optional(first.values.validTo),
      lines: group.map((row) =>
        withoutUndefined({
          gtin: row.values.gtin,
          unitPrice: row.values.unitPrice,
          breaks: optional(row.values.breaks)
            ? list(row.values.breaks).map((item) => {
                const [minQuantity, unitPrice] = item.split(':');
                return { minQuantity: integer(minQuantity), unitPrice };
              })
            : undefined,
        }),
      ),
    });
    const parsed = PriceListData.safeParse(data);
    if (parsed.success) records.push({ lines: group.map((row) => row.line), data: parsed.data as Record<string, unknown> });
    else {
      for (const issue of parsed.error.issues) {
        // An issue in lines.N belongs to that row; anything else to the list's first row.
        const index = issue.path[0] === 'lines' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
        const row = index !== undefined ? group[index]! : first;
        errors.push({ line: row.line, message: `${issue.path.map(String).join('.') || '(row)'}: ${issue.message}` });
      }
    }
  }
  return { records, errors };
}

export interface ValidatedImport {
  kind: MasterKind;
  records: { lines: number[]; data: Record<string, unknown> }[];
  errors: RowError[];
}

export const IMPORTABLE_KINDS = ['customers', 'products', 'price-lists'] as const satisfies readonly MasterKind[];
export type ImportableKind = (typeof IMPORTABLE_KINDS)[number];

/** Parses and validates a whole file; `errors` lists every bad row, sorted by line. */
export function validateCsv(kind: ImportableKind, text: string): ValidatedImport {
  const { rows, errors } = parseCsv(text);
  if (kind === 'price-lists') {
    const grouped = priceListsOf(rows);
    return { kind, records: grouped.records, errors: [...errors, ...grouped.errors].sort((a, b) => a.line - b.line) };
  }
  const schema = kind === 'customers' ? CustomerData : ProductData;
  const toData = kind === 'customers' ? customerOf : productOf;
  const idField = kind === 'customers' ? 'customerId' : 'gtin';
  const records: ValidatedImport['records'] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const parsed = schema.safeParse(toData(row));
    if (!parsed.success) {
      errors.push(...issues(row.line, parsed.error));
      continue;
    }
    const id = String((parsed.data as Record<string, unknown>)[idField]);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      errors.push({ line: row.line, message: `${idField} ${id} is already on line ${earlier}` });
      continue;
    }
    seen.set(id, row.line);
    records.push({ lines: [row.line], data: parsed.data as Record<string, unknown> });
  }
  return { kind, records, errors: errors.sort((a, b) => a.line - b.line) };
}
