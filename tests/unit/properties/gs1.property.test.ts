import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AI_DICTIONARY, GS, parseGs1, type Gs1ErrorCode } from '../../../shared/inventory/domain/gs1.js';
import { withinTime } from './bounds.js';

/**
 * Scans arrive from packing stations and people: any string. The parser must
 * answer every one with elements or a typed error that says what and where,
 * never throw, and stay linear on long input. (Round trips of encoded UDIs are
 * in tests/unit/domain/gs1.test.ts.)
 */
const today = '2026-11-25';
const CODES: readonly Gs1ErrorCode[] = [
  'EMPTY',
  'UNSUPPORTED_SYMBOLOGY',
  'UNKNOWN_AI',
  'BAD_CHECK_DIGIT',
  'TOO_SHORT',
  'TOO_LONG',
  'INVALID_CHARACTER',
  'INVALID_DATE',
  'EMPTY_VALUE',
  'DUPLICATE_AI',
  'MISSING_GTIN',
  'MALFORMED',
];

/** Pieces scans are made of, so generated strings reach past the first check: AIs, digits, brackets, GS, symbology ids. */
const piece = fc.oneof(
  fc.constantFrom(...Object.keys(AI_DICTIONARY), '00', '99', '8004'),
  fc.constantFrom('(', ')', GS, ']d2', ']C1', ']Q3', ']x9', '\r\n', ' ', 'é', '\u0000'),
  fc.stringMatching(/^\d{1,16}$/),
  fc.string({ maxLength: 8 }),
);
const scanLike = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
const anyText = fc.oneof(scanLike, fc.string({ unit: 'binary', maxLength: 60 }));

describe('given any string arriving as a scan (property-based)', () => {
  it('when it is parsed, then the answer is elements or a typed error, never an exception', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const result = parseGs1(input, { today });
        if (result.ok) return;
        expect(CODES).toContain(result.error.code);
        expect(result.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('when it is refused, then the message names the AI it is about, and the position lies inside the scan', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const result = parseGs1(input, { today });
        if (result.ok) return;
        const { ai, position, message } = result.error;
        if (ai) expect(message).toContain(ai);
        if (position !== undefined) {
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(input.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['100,000 digits', '9'.repeat(100_000)],
    ['100,000 opening brackets', '('.repeat(100_000)],
    ['20,000 bracketed lots', '(01)09501101530003' + '(10)A'.repeat(20_000)],
    ['20,000 bracketed AIs without values', '(10)'.repeat(20_000)],
    ['100,000 group separators', GS.repeat(100_000)],
    ['a lot of 100,000 characters', `]d20109501101530003${'10'}${'A'.repeat(100_000)}`],
    ['100,000 line breaks', '\r\n'.repeat(50_000)],
  ])('when it is %s, then it is answered within 500 ms', (_name, input) => {
    const result = withinTime(500, () => parseGs1(input, { today }));
    expect(result.ok === false || result.ok === true).toBe(true);
  });
});
