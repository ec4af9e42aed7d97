import type { Delimiters } from './tokenizer.js';

export const STANDARD_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

export interface Party {
  qualifier: string;
  id: string;
}

export interface EnvelopeInput {
  from: Party;
  to: Party;
  /** Application sender and receiver codes (GS02, GS03). */
  groupFrom: string;
  groupTo: string;
  functionalId: string;
  /** GS08, e.g. 004010 or 005010; the ISA version follows it. */
  version: string;
  controlNumber: number;
  at: Date;
  usage: string;
}

const pad = (value: string, width: number) => value.slice(0, width).padEnd(width, ' ');
const digits = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * X12 carries printable ASCII only (the basic and extended character sets); partners' translators and this
 * system's own reader refuse anything else. Accented letters lose their accent (é to e), compatibility forms
 * become their plain form (a no-break space a space, … three dots), layout characters a space, and whatever
 * is left outside printable ASCII a question mark.
 */
function x12Characters(value: string): string {
  return (
    value
      .normalize('NFKD')
      .replace(/\p{Mn}/gu, '')
      .replace(/[\t\r\n\u2028\u2029]/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: every character outside printable ASCII is replaced, control characters included.
      .replace(/[^\x20-\x7E]/gu, '?')
  );
}

/** Characters X12 cannot carry are spelled in ASCII, and separators of the document are replaced: X12 has no escaping. */
function clean(value: string, d: Delimiters): string {
  let out = x12Characters(value);
  for (const separator of [d.element, d.component, d.segment, d.repetition ?? '']) if (separator) out = out.split(separator).join(' ');
  return out;
}

export function renderSegment(elements: readonly (string | number)[], d: Delimiters): string {
  const [id, ...rest] = elements;
  return [String(id), ...rest.map((value) => clean(String(value), d))].join(d.element).replace(new RegExp(`(\\${d.element})+$`), '');
}

/**
 * Wraps transaction sets (each a list of segments without ST/SE) in ST/SE,
 * one functional group and the interchange envelope, with correct counts
 * and control numbers. Set control numbers are 0001, 0002... in the group.
 */
export function renderInterchange(
  input: EnvelopeInput,
  transactionSetId: string,
  sets: readonly (readonly (string | number)[])[][],
  d: Delimiters = STANDARD_DELIMITERS,
): string {
  const yymmdd = input.at.toISOString().slice(2, 10).replaceAll('-', '');
  const ccyymmdd = input.at.toISOString().slice(0, 10).replaceAll('-', '');
  const hhmm = input.at.toISOString().slice(11, 16).replace(':', '');
  const isaVersion = input.version.startsWith('0050') ? '00501' : '00401';
  const control = digits(input.controlNumber, 9);
  const isa = [
    'ISA',
    '00',
    pad('', 10),
    '00',
    pad('', 10),
    pad(input.from.qualifier, 2),
    pad(input.from.id, 15),
    pad(input.to.qualifier, 2),
    pad(input.to.id, 15),
    yymmdd,
    hhmm,
    isaVersion === '00401' ? 'U' : (d.repetition ?? '^'),
    isaVersion,
    control,
    '0',
    input.usage,
    d.component,
  ].join(d.element);
  const lines = [isa, renderSegment(['GS', input.functionalId, input.groupFrom, input.groupTo, ccyymmdd, hhmm, input.controlNumber, 'X', input.version], d)];
  sets.forEach((segments, index) => {
    const setControl = digits(index + 1, 4);
    const body = [['ST', transactionSetId, setControl], ...segments, ['SE', segments.length + 2, setControl]];
    lines.push(...body.map((segment) => renderSegment(segment, d)));
  });
  lines.push(renderSegment(['GE', sets.length, input.controlNumber], d), renderSegment(['IEA', 1, control], d));
  return lines.map((line) => line + d.segment).join(d.segment === '\n' ? '' : '\n');
}
