import { isCalendarDate, type CalendarDate } from '../../platform/domain/calendar-date.js';
import { gtinCheckDigit } from '../../platform/domain/gtin.js';

/**
 * GS1 element strings as scanners and people deliver them (GS1 General
 * Specifications 3 and 7.8; gs1-syntax-dictionary):
 *
 * - raw, as a scanner transmits it: optional symbology identifier (`]d2` GS1
 *   DataMatrix, `]C1` GS1-128, `]Q3` GS1 QR, `]e0` GS1 DataBar), then the AIs;
 *   FNC1 used as a separator arrives as ASCII 29 (GS) after a variable-length
 *   field that is not the last one;
 * - bracketed human-readable form: `(01)09506000134352(17)201231(10)ABC123`.
 *
 * Only the AIs a medical-device UDI needs are known. An unknown AI is an
 * error, never skipped: without its length nobody can tell where the next AI
 * starts. Dates are calendar dates (see calendar-date.ts), never instants.
 */

export type Gs1ErrorCode =
  | 'EMPTY'
  | 'UNSUPPORTED_SYMBOLOGY'
  | 'UNKNOWN_AI'
  | 'BAD_CHECK_DIGIT'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'INVALID_CHARACTER'
  | 'INVALID_DATE'
  | 'EMPTY_VALUE'
  | 'DUPLICATE_AI'
  | 'MISSING_GTIN'
  | 'MALFORMED';

export interface Gs1Error {
  code: Gs1ErrorCode;
  message: string;
  /** The AI the problem is in, when there is one. */
  ai?: string;
  /** Zero-based character position, counted after any symbology identifier, when known. */
  position?: number;
}

/** The UDI content of one scan: the device identifier (GTIN) and the production identifiers. */
export interface Gs1Elements {
  /** AI 01, GTIN-14 with a verified check digit. */
  gtin?: string;
  /** AI 10, batch or lot number. */
  lot?: string;
  /** AI 11, production date. */
  productionDate?: CalendarDate;
  /** AI 17, expiry date: the last day the item may be used. */
  expiry?: CalendarDate;
  /** AI 21, serial number. */
  serial?: string;
  /** AI 30, variable count of items. */
  variableCount?: number;
  /** AI 37, count of trade items in a logistic unit. */
  count?: number;
}

export type Gs1ParseResult = { ok: true; elements: Gs1Elements; ais: { ai: string; value: string }[]; symbology?: string } | { ok: false; error: Gs1Error };

export const GS = '\u001d';

/** Symbology identifiers (ISO/IEC 15424) of the GS1 carriers, in which FNC1 in first position is implied. */
export const GS1_SYMBOLOGIES = { ']d2': 'GS1 DataMatrix', ']C1': 'GS1-128', ']Q3': 'GS1 QR Code', ']e0': 'GS1 DataBar' } as const;

type Kind = 'gtin' | 'date' | 'text' | 'count';
interface AiDefinition {
  title: string;
  key: keyof Gs1Elements;
  kind: Kind;
  /** Exact length for fixed-length AIs, else the maximum. */
  length: number;
  fixed: boolean;
}

export const AI_DICTIONARY: Readonly<Record<string, AiDefinition>> = {
  '01': { title: 'GTIN', key: 'gtin', kind: 'gtin', length: 14, fixed: true },
  '10': { title: 'batch/lot', key: 'lot', kind: 'text', length: 20, fixed: false },
  '11': { title: 'production date', key: 'productionDate', kind: 'date', length: 6, fixed: true },
  '17': { title: 'expiry date', key: 'expiry', kind: 'date', length: 6, fixed: true },
  '21': { title: 'serial number', key: 'serial', kind: 'text', length: 20, fixed: false },
  '30': { title: 'variable count', key: 'variableCount', kind: 'count', length: 8, fixed: false },
  '37': { title: 'count of trade items', key: 'count', kind: 'count', length: 8, fixed: false },
};

/** AIs whose length is predefined by their first two digits (GS1 General Specifications figure 7.8.5-2). */
const PREDEFINED_LENGTH_PREFIXES = new Set([
  '00',
  '01',
  '02',
  '03',
  '04',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '41',
]);

/** GS1 AI encodable character set 82. */
const SET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
const SET_82_CHAR = /[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]/;

/** AIs that only make sense with a GTIN in the same string (GS1 "requires" rules, reduced to what is known here). */
const REQUIRES_GTIN = ['10', '11', '17', '21', '30'];

class Gs1Failure extends Error {
  constructor(readonly detail: Gs1Error) {
    super(detail.message);
  }
}

const fail = (code: Gs1ErrorCode, message: string, extra: Omit<Gs1Error, 'code' | 'message'> = {}): never => {
  throw new Gs1Failure({ code, message, ...extra });
};

/**
 * The century of a two-digit year (GS1 General Specifications 7.12): the one
 * that puts the date within 49 years before and 50 years after today's year.
 */
export function centuryYear(yy: number, todayYear: number): number {
  const currentCentury = Math.floor(todayYear / 100) * 100;
  const difference = yy - (todayYear % 100);
  if (difference >= 51) return currentCentury - 100 + yy;
  if (difference <= -50) return currentCentury + 100 + yy;
  return currentCentury + yy;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * YYMMDD to a calendar date. Day 00 means "no day given": for the expiry
 * date (AI 17) it is the last day of that month, leap years included; for the
 * production date (AI 11) it is the first day of the month, the earliest the
 * item can have been made.
 */
export function yymmddToDate(value: string, ai: string, todayYear: number): CalendarDate {
  if (!/^\d{6}$/.test(value)) fail('INVALID_DATE', `AI (${ai}) ${AI_DICTIONARY[ai]?.title ?? 'date'} must be 6 digits YYMMDD, got "${value}"`, { ai });
  const yy = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  const dd = Number(value.slice(4, 6));
  const year = centuryYear(yy, todayYear);
  if (mm < 1 || mm > 12) fail('INVALID_DATE', `AI (${ai}) "${value}": month ${value.slice(2, 4)} does not exist`, { ai });
  const day = dd === 0 ? (ai === '17' ? lastDayOfMonth(year, mm) : 1) : dd;
  const date = `${String(year).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isCalendarDate(date)) fail('INVALID_DATE', `AI (${ai}) "${value}": ${date} is not a calendar date`, { ai });
  return date;
}

/** A calendar date as YYMMDD; the caller makes sure it lies in the GS1 century window. */
export function dateToYymmdd(date: CalendarDate): string {
  if (!isCalendarDate(date)) throw new Error(`not a calendar date: ${date}`);
  return `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
}

function checkValue(ai: string, value: string, position: number, todayYear: number): Gs1Elements[keyof Gs1Elements] {
  const definition = AI_DICTIONARY[ai]!;
  if (value.length === 0) fail('EMPTY_VALUE', `AI (${ai}) ${definition.title} has no value`, { ai, position });
  if (definition.fixed && value.length < definition.length) {
    fail('TOO_SHORT', `AI (${ai}) ${definition.title} must be exactly ${definition.length} characters, got ${value.length} ("${value}")`, { ai, position });
  }
  if (value.length > definition.length) {
    fail('TOO_LONG', `AI (${ai}) ${definition.title} is ${value.length} characters, at most ${definition.length} are allowed ("${value}")`, { ai, position });
  }
  switch (definition.kind) {
    case 'gtin': {
      if (!/^\d{14}$/.test(value)) fail('INVALID_CHARACTER', `AI (01) GTIN must be 14 digits, got "${value}"`, { ai, position });
      const expected = gtinCheckDigit(value.slice(0, 13));
      if (expected !== Number(value[13])) {
        fail('BAD_CHECK_DIGIT', `AI (01) GTIN ${value} has check digit ${value[13]}, expected ${expected}`, { ai, position });
      }
      return value;
    }
    case 'date':
      return yymmddToDate(value, ai, todayYear);
    case 'count':
      if (!/^\d+$/.test(value)) fail('INVALID_CHARACTER', `AI (${ai}) ${definition.title} must be digits only, got "${value}"`, { ai, position });
      return Number(value);
    case 'text': {
      if (!SET_82.test(value)) {
        const bad = [...value].find((char) => !SET_82_CHAR.test(char)) ?? '';
        const shown =
          bad === GS
            ? 'GS (ASCII 29)'
            : bad.charCodeAt(0) < 32 || bad.charCodeAt(0) > 126
              ? `U+${bad.charCodeAt(0).toString(16).padStart(4, '0')}`
              : `"${bad}"`;
        fail('INVALID_CHARACTER', `AI (${ai}) ${definition.title} "${value}" contains ${shown}, which is not in the GS1 character set 82`, { ai, position });
      }
      return value;
    }
  }
}

/** Reads the AI at a position of a raw element string: two digits for every AI this system knows. */
function readAi(input: string, position: number): string {
  const two = input.slice(position, position + 2);
  if (!/^\d{2}$/.test(two))
    fail('MALFORMED', `expected an application identifier (digits) at position ${position}, found "${input.slice(position, position + 4)}"`, { position });
  if (!AI_DICTIONARY[two]) {
    const shown = input.slice(position, position + 4).replace(/\D.*$/, '');
    fail(
      'UNKNOWN_AI',
      `unknown or unsupported application identifier starting "${shown}" at position ${position}; supported: ${Object.keys(AI_DICTIONARY).join(', ')}`,
      {
        ai: two,
        position,
      },
    );
  }
  return two;
}

function parseRaw(input: string, todayYear: number): { ai: string; value: string; position: number }[] {
  const found: { ai: string; value: string; position: number }[] = [];
  let position = 0;
  // FNC1 in first position is sometimes transmitted as a GS; it carries nothing.
  if (input[position] === GS) position += 1;
  while (position < input.length) {
    if (input[position] === GS) fail('MALFORMED', `two separators in a row or a separator without a field before it at position ${position}`, { position });
    const aiPosition = position;
    const ai = readAi(input, position);
    const definition = AI_DICTIONARY[ai]!;
    position += ai.length;
    if (definition.fixed) {
      const value = input.slice(position, position + definition.length);
      if (value.includes(GS))
        fail('TOO_SHORT', `AI (${ai}) ${definition.title} must be exactly ${definition.length} characters; a separator came after ${value.indexOf(GS)}`, {
          ai,
          position,
        });
      checkValue(ai, value, position, todayYear);
      position += definition.length;
      // A separator after a predefined-length field is not needed, but encoders send it; it is harmless.
      if (input[position] === GS) position += 1;
      found.push({ ai, value, position: aiPosition });
      continue;
    }
    const end = input.indexOf(GS, position);
    const value = end === -1 ? input.slice(position) : input.slice(position, end);
    if (value.length > definition.length) {
      // Without a separator the field runs to the end: the likely cause is a missing FNC1.
      fail(
        'TOO_LONG',
        `AI (${ai}) ${definition.title} "${value}" is ${value.length} characters, at most ${definition.length} are allowed; if another element follows it, the FNC1 separator (GS, ASCII 29) before it is missing`,
        { ai, position },
      );
    }
    checkValue(ai, value, position, todayYear);
    found.push({ ai, value, position: aiPosition });
    position = end === -1 ? input.length : end + 1;
  }
  return found;
}

function parseBracketed(input: string, todayYear: number): { ai: string; value: string; position: number }[] {
  const found: { ai: string; value: string; position: number }[] = [];
  const pattern = /\((\d{2,4})\)/g;
  const marks = [...input.matchAll(pattern)];
  if (marks.length === 0 || marks[0]!.index !== 0) fail('MALFORMED', 'the bracketed form must start with an AI in parentheses, such as (01)', { position: 0 });
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i]!;
    const ai = mark[1]!;
    const position = mark.index!;
    if (!AI_DICTIONARY[ai]) {
      fail('UNKNOWN_AI', `unknown or unsupported application identifier (${ai}) at position ${position}; supported: ${Object.keys(AI_DICTIONARY).join(', ')}`, {
        ai,
        position,
      });
    }
    const valueStart = position + mark[0].length;
    const valueEnd = i + 1 < marks.length ? marks[i + 1]!.index! : input.length;
    const value = input.slice(valueStart, valueEnd);
    checkValue(ai, value, valueStart, todayYear);
    found.push({ ai, value, position });
  }
  return found;
}

export interface ParseOptions {
  /** Today's date, for the YYMMDD century window; defaults to the current UTC date. */
  today?: CalendarDate;
}

/** Parses one scan or one human-readable GS1 element string into its UDI elements, or says exactly what is wrong. */
export function parseGs1(input: string, options: ParseOptions = {}): Gs1ParseResult {
  const todayYear = Number((options.today ?? new Date().toISOString().slice(0, 10)).slice(0, 4));
  try {
    // Scanners often end a scan with CR/LF; nothing else is trimmed.
    let text = input.replace(/[\r\n]+$/, '');
    if (text.length === 0) fail('EMPTY', 'the scan is empty');
    let symbology: string | undefined;
    if (text.startsWith(']')) {
      const identifier = text.slice(0, 3);
      if (!(identifier in GS1_SYMBOLOGIES)) {
        fail('UNSUPPORTED_SYMBOLOGY', `symbology identifier "${identifier}" is not a GS1 carrier; expected one of ${Object.keys(GS1_SYMBOLOGIES).join(', ')}`, {
          position: 0,
        });
      }
      symbology = identifier;
      text = text.slice(3);
      if (text.length === 0) fail('EMPTY', `the scan has a symbology identifier (${identifier}) but no data`);
    }
    const found = text.startsWith('(') && !symbology ? parseBracketed(text, todayYear) : parseRaw(text, todayYear);

    const elements: Gs1Elements = {};
    const seen = new Map<string, string>();
    for (const { ai, value, position } of found) {
      const previous = seen.get(ai);
      if (previous !== undefined && previous !== value) {
        fail('DUPLICATE_AI', `AI (${ai}) appears twice with different values ("${previous}" and "${value}")`, { ai, position });
      }
      seen.set(ai, value);
      const definition = AI_DICTIONARY[ai]!;
      (elements as Record<string, unknown>)[definition.key] = checkValue(ai, value, position, todayYear);
    }
    const orphan = REQUIRES_GTIN.find((ai) => seen.has(ai));
    if (orphan && !seen.has('01'))
      fail('MISSING_GTIN', `AI (${orphan}) ${AI_DICTIONARY[orphan]!.title} needs a GTIN (01) in the same element string`, { ai: orphan });
    return { ok: true, elements, ais: found.map(({ ai, value }) => ({ ai, value })), ...(symbology ? { symbology } : {}) };
  } catch (error) {
    if (error instanceof Gs1Failure) return { ok: false, error: error.detail };
    throw error;
  }
}

export interface EncodeOptions {
  form: 'raw' | 'bracketed';
  /** Symbology identifier to put first in the raw form, e.g. "]d2". */
  symbology?: keyof typeof GS1_SYMBOLOGIES;
}

/**
 * Encodes UDI elements the way a label printer would: fixed-length AIs
 * first, then the variable-length ones, a GS after every variable-length
 * field except the last (raw form) or parentheses around every AI (bracketed).
 */
export function encodeGs1(elements: Gs1Elements, options: EncodeOptions): string {
  const fixed: [string, string][] = [];
  const variable: [string, string][] = [];
  if (elements.gtin !== undefined) fixed.push(['01', elements.gtin]);
  if (elements.productionDate !== undefined) fixed.push(['11', dateToYymmdd(elements.productionDate)]);
  if (elements.expiry !== undefined) fixed.push(['17', dateToYymmdd(elements.expiry)]);
  if (elements.lot !== undefined) variable.push(['10', elements.lot]);
  if (elements.serial !== undefined) variable.push(['21', elements.serial]);
  if (elements.variableCount !== undefined) variable.push(['30', String(elements.variableCount)]);
  if (elements.count !== undefined) variable.push(['37', String(elements.count)]);
  const fields = [...fixed, ...variable];
  if (options.form === 'bracketed') return fields.map(([ai, value]) => `(${ai})${value}`).join('');
  let out = options.symbology ?? '';
  fields.forEach(([ai, value], index) => {
    out += ai + value;
    const last = index === fields.length - 1;
    if (!last && !AI_DICTIONARY[ai]!.fixed && !PREDEFINED_LENGTH_PREFIXES.has(ai)) out += GS;
  });
  return out;
}

/** Human-readable rendering of any element string (GS shown as <GS>), for messages and logs. */
export function showScan(input: string): string {
  return input.replaceAll(GS, '<GS>');
}
