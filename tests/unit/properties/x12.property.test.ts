import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acknowledgePurchaseOrder, poAckSegments } from '../../../shared/channels/domain/x12/ack855.js';
import { parseInterchange } from '../../../shared/channels/domain/x12/envelope.js';
import { mapPurchaseOrder } from '../../../shared/channels/domain/x12/order-mapping.js';
import { readPurchaseOrder } from '../../../shared/channels/domain/x12/purchase-order.js';
import { renderInterchange, STANDARD_DELIMITERS } from '../../../shared/channels/domain/x12/render.js';
import { el, X12SyntaxError } from '../../../shared/channels/domain/x12/tokenizer.js';
import type { ProductXrefData, TradingPartnerData } from '../../../shared/master-data/schemas/master-data.js';
import { interchange, po850, type PoLineSpec } from '../../support/x12.js';
import { withinTime } from './bounds.js';

/**
 * An interchange is whatever a trading partner's translator sends. Reading it
 * must end in a read interchange or an X12SyntaxError that names the segment,
 * element or position at fault; never another exception. What this system
 * writes (the 855) must read back with its own reader.
 */
const partner: TradingPartnerData = { partnerId: 'HOSPEDI01', name: 'ACME purchasing hub', customerId: 'CUST-ACME', locations: [] };
const xref: ProductXrefData = { partnerId: 'HOSPEDI01', entries: [{ qualifier: 'VC', productId: 'SYR-5ML', gtin: '05012345678900' }] };

/** A message that says where: a segment id, a segment or element position, or the envelope part at fault. */
const NAMES_A_PLACE = /\b(ISA\d*|IEA\d*|GS|GE|ST|SE|segment \d+|interchange|[A-Z][A-Z0-9]{1,2}\d{2})\b/;

/** Only the parser's own error is an answer; a TypeError or RangeError is a bug. */
function readOrSyntaxError<T>(read: () => T): T | X12SyntaxError {
  try {
    return read();
  } catch (error) {
    if (error instanceof X12SyntaxError) return error;
    throw error;
  }
}

const x12Text = fc.stringMatching(/^[A-Za-z0-9 .\-*~:^\n]{0,12}$/);
const line: fc.Arbitrary<PoLineSpec> = fc.record({
  id: fc.stringMatching(/^[A-Z0-9]{0,4}$/),
  quantity: fc.oneof(fc.integer({ min: -5, max: 200_000 }), x12Text),
  uom: fc.constantFrom('EA', 'BX', '', 'e a'),
  price: fc.oneof(fc.constant(''), fc.stringMatching(/^-?\d{0,5}(\.\d{0,6})?$/), x12Text),
  ids: fc.array(fc.tuple(fc.constantFrom('UK', 'EN', 'VC', 'BP', 'UP', ''), fc.oneof(fc.stringMatching(/^\d{8,14}$/), fc.constant('SYR-5ML'), x12Text)), {
    maxLength: 3,
  }),
});
const purchaseOrder = fc.record({
  po: fc.oneof(fc.stringMatching(/^[A-Z0-9-]{1,25}$/), x12Text),
  date: fc.oneof(fc.stringMatching(/^20\d{6}$/), x12Text),
  delivery: fc.option(fc.oneof(fc.stringMatching(/^20\d{6}$/), x12Text), { nil: undefined }),
  shipTo: fc.option(
    fc.record({ name: x12Text, line1: x12Text, city: x12Text, postalCode: x12Text, country: fc.oneof(fc.constantFrom('DE', 'US', 'de', ''), x12Text) }),
    { nil: null },
  ),
  lines: fc.array(line, { maxLength: 4 }),
  ctt: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
});
const wellFormed = purchaseOrder.map((spec) => interchange({ control: '1', groups: [{ control: '1', sets: [{ control: '0001', segments: po850(spec) }] }] }));

/** A well-formed interchange with a few characters deleted, inserted or replaced: what a broken translator or a truncated transfer delivers. */
const damaged = fc
  .tuple(
    wellFormed,
    fc.array(
      fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom('', '*', '~', ':', '^', '\n', 'ISA', 'SE*', 'GE*1*1', 'IEA*1*', 'ST*850*', '\u0007', 'X')),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((out, [at, remove, insert]) => {
      const position = at % (out.length + 1);
      return out.slice(0, position) + insert + out.slice(position + remove);
    }, text),
  );

describe('given any text posted as an X12 interchange (property-based)', () => {
  it('when arbitrary text is tokenized and read, then the answer is an interchange or an X12SyntaxError, never another exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ maxLength: 120 }).map((rest) => `ISA${rest}`),
        ),
        (text) => {
          readOrSyntaxError(() => parseInterchange(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('when a well-formed interchange is damaged, then it is read or refused with a message naming the segment, element or envelope part', () => {
    fc.assert(
      fc.property(damaged, (text) => {
        const answer = readOrSyntaxError(() => parseInterchange(text));
        if (answer instanceof X12SyntaxError) expect(answer.message).toMatch(NAMES_A_PLACE);
      }),
      { numRuns: 1000 },
    );
  });

  it('when the 850 of a read interchange has any content, then reading and mapping it answer an order or errors naming segment and position', () => {
    fc.assert(
      fc.property(fc.oneof(wellFormed, damaged), (text) => {
        const answer = readOrSyntaxError(() => parseInterchange(text));
        if (answer instanceof X12SyntaxError) return;
        for (const group of answer.groups)
          for (const set of group.sets) {
            const read = readPurchaseOrder(set);
            const errors = read.ok
              ? (() => {
                  const mapped = mapPurchaseOrder(read.order, partner, xref, set.segments[0]!.position);
                  return mapped.ok ? [] : mapped.errors;
                })()
              : read.errors;
            for (const error of errors) {
              expect(error.segmentId).toMatch(/^[A-Z][A-Z0-9]{1,2}$/);
              expect(error.position).toBeGreaterThanOrEqual(1);
              // Names the segment (PO1, BEG, N4, DTM*002, CTT01) or the order field it maps to (shipTo.city).
              expect(error.message).toMatch(new RegExp(`${error.segmentId}|^[a-zA-Z]+(\\.[a-zA-Z0-9]+)*: `));
            }
          }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['an ISA followed by 100,000 element separators', `${interchange({ control: '1', groups: [] }).slice(0, 106)}${'*'.repeat(100_000)}`],
    ['20,000 empty segments', `${interchange({ control: '1', groups: [] }).slice(0, 106)}${'~'.repeat(20_000)}`],
    [
      '20,000 PO1 lines',
      interchange({
        control: '1',
        groups: [
          {
            control: '1',
            sets: [
              {
                control: '0001',
                segments: po850({
                  po: 'P',
                  lines: Array.from({ length: 20_000 }, (_, i) => ({ id: String(i), quantity: 1, ids: [['VC', 'SYR-5ML']] as [string, string][] })),
                }),
              },
            ],
          },
        ],
      }),
    ],
    [
      '100,000 characters of one element',
      interchange({ control: '1', groups: [{ control: '1', sets: [{ control: '0001', segments: po850({ po: 'P'.repeat(100_000), lines: [] }) }] }] }),
    ],
    ['100,000 layout characters', `\n${' '.repeat(100_000)}ISA`],
  ])('when it is %s, then it is answered within 1 s', (_name, text) => {
    withinTime(1000, () => {
      const answer = readOrSyntaxError(() => parseInterchange(text));
      if (!(answer instanceof X12SyntaxError)) for (const group of answer.groups) for (const set of group.sets) readPurchaseOrder(set);
    });
  });
});

describe('given any 855 this system writes (property-based)', () => {
  // What the 850 carried (printable ASCII, separators included) and this system's own text (any Unicode: names, reasons).
  const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
  const sentLine = fc.record({
    lineId: fc.stringMatching(/^[A-Z0-9]{1,4}$/),
    quantity: fc.integer({ min: 1, max: 100_000 }),
    unitOfMeasure: fc.constantFrom('EA', 'BX'),
    unitPrice: fc.option(fc.stringMatching(/^\d{1,5}\.\d{2}$/), { nil: undefined }),
    productIds: fc.array(fc.record({ qualifier: fc.constantFrom('UK', 'VC', 'BP'), value: text }), { minLength: 1, maxLength: 3 }),
    gtin: fc.constant('05012345678900'),
  });
  const ack = fc
    .record({
      sent: fc.array(sentLine, { minLength: 1, maxLength: 4 }),
      customerPo: text,
      reason: fc.option(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 })), { nil: undefined }),
      party: fc.record({ qualifier: fc.constantFrom('ZZ', '01'), id: fc.stringMatching(/^[A-Z0-9]{1,15}$/) }),
    })
    .map(({ sent, customerPo, reason, party }) => ({
      party,
      ack: acknowledgePurchaseOrder(
        sent.map(({ unitPrice, ...rest }) => ({ ...rest, ...(unitPrice ? { unitPrice } : {}) })),
        {
          orderId: 'ORD-01KBY0000000000000000000000',
          customerPo,
          poDate: '2026-11-25',
          outcome: reason === undefined ? 'ACCEPTED' : 'REJECTED',
          ...(reason === undefined ? {} : { reason }),
          lines: sent.map(({ quantity }) => ({ quantity })),
        },
      ),
    }));

  it('when it is rendered and read back with the 850 reader’s tokenizer, then it is one sound 855 with the acknowledged PO and every line', () => {
    fc.assert(
      fc.property(ack, ({ party, ack }) => {
        const x12 = renderInterchange(
          {
            from: { qualifier: 'ZZ', id: 'O2CDIST' },
            to: party,
            groupFrom: 'O2CDIST',
            groupTo: party.id,
            functionalId: 'PR',
            version: '004010',
            controlNumber: 42,
            at: new Date('2026-11-25T12:00:00Z'),
            usage: 'P',
          },
          '855',
          [poAckSegments(ack, '2026-11-25')],
        );
        const read = parseInterchange(x12);
        expect(read.header).toMatchObject({ receiverId: party.id, controlNumber: '000000042' });
        const [group] = read.groups;
        expect(group?.errors).toEqual(['1']); // a PR group is not a purchase order group: the reader says so, and only that
        const [set] = group!.sets;
        expect(set?.envelopeErrors).toEqual([]);
        const segments = set!.segments;
        const bak = segments.find((segment) => segment.id === 'BAK')!;
        expect(el(bak, 8)).toBe(ack.orderId);
        expect(segments.filter((segment) => segment.id === 'PO1')).toHaveLength(ack.lines.length);
        expect(segments.filter((segment) => segment.id === 'ACK').map((segment) => el(segment, 1))).toEqual(ack.lines.map((line) => line.status));
        expect(read.delimiters).toMatchObject({ element: STANDARD_DELIMITERS.element, segment: STANDARD_DELIMITERS.segment });
      }),
      { numRuns: 300 },
    );
  });
});
