/**
 * A small X12 tokenizer. The ISA segment is fixed-width (106 characters), so
 * the separators are read from it: the element separator at position 4, the
 * repetition separator (ISA11, version 00402 and later), the component
 * separator (ISA16) and the segment terminator right after it. Anything a
 * partner puts after a terminator (CR, LF) is layout, not data.
 */
export interface Delimiters {
  element: string;
  component: string;
  repetition?: string;
  segment: string;
}

export interface Segment {
  id: string;
  /** Elements by their X12 position: elements[1] is xx01; elements[0] is the segment id. */
  elements: string[];
  /** 1-based position of the segment in the interchange. */
  position: number;
}

export class X12SyntaxError extends Error {
  override name = 'X12SyntaxError';
}

const ISA_LENGTH = 106;
const LAYOUT = /^[\r\n]+/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: X12 separators may be control characters (FS..US, BEL); they are allowed here on purpose.
const PRINTABLE_OR_LAYOUT = /^[\x20-\x7E\r\n\t\x1C-\x1F\x07]*$/;

export function readDelimiters(text: string): Delimiters {
  if (!text.startsWith('ISA')) throw new X12SyntaxError('not an X12 interchange: it must start with an ISA segment');
  if (text.length < ISA_LENGTH) throw new X12SyntaxError(`truncated interchange: the ISA segment needs ${ISA_LENGTH} characters, got ${text.length}`);
  const element = text.charAt(3);
  const fields = text.slice(0, ISA_LENGTH - 1).split(element);
  if (/[A-Za-z0-9 ]/.test(element) || fields.length !== 17) {
    throw new X12SyntaxError('invalid ISA segment: it must hold 16 fixed-width elements separated by the character after "ISA"');
  }
  const component = text.charAt(ISA_LENGTH - 2);
  const segment = text.charAt(ISA_LENGTH - 1);
  const repetition = fields[11] ?? '';
  const distinct = new Set([element, component, segment]);
  if (distinct.size !== 3) throw new X12SyntaxError('invalid ISA segment: element separator, component separator and segment terminator must differ');
  // Before 00402, ISA11 is the standards identifier "U", not a separator.
  const hasRepetition = repetition.length === 1 && !/[A-Za-z0-9]/.test(repetition) && !distinct.has(repetition);
  return { element, component, segment, ...(hasRepetition ? { repetition } : {}) };
}

/** Splits an interchange into segments; rejects text that is not X12 at all (binary, control characters). */
export function tokenize(raw: string): { delimiters: Delimiters; segments: Segment[] } {
  const text = raw.replace(/^\uFEFF/, '').replace(/^\s+/, '');
  if (!PRINTABLE_OR_LAYOUT.test(text)) throw new X12SyntaxError('not an X12 interchange: the body holds binary or control characters');
  const delimiters = readDelimiters(text);
  const segments: Segment[] = [];
  for (const piece of text.split(delimiters.segment)) {
    const content = delimiters.segment === '\n' ? piece.replace(/\r$/, '') : piece.replace(LAYOUT, '');
    if (content.trim() === '') continue;
    const elements = content.split(delimiters.element);
    const id = elements[0] ?? '';
    if (!/^[A-Z][A-Z0-9]{1,2}$/.test(id)) throw new X12SyntaxError(`segment ${segments.length + 1}: "${id.slice(0, 10)}" is not a segment id`);
    segments.push({ id, elements, position: segments.length + 1 });
  }
  return { delimiters, segments };
}

/** An element's value (empty string when absent), trimmed of the padding fixed-width ISA fields carry. */
export function el(segment: Segment, position: number): string {
  return (segment.elements[position] ?? '').trim();
}

export function components(value: string, delimiters: Delimiters): string[] {
  return value.split(delimiters.component);
}
