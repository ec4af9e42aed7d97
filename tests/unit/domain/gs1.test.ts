import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/platform/domain/calendar-date.js';
import { centuryYear, encodeGs1, GS, parseGs1, type Gs1Elements } from '../../../shared/inventory/domain/gs1.js';
import { gtinCheckDigit } from '../../../shared/platform/domain/gtin.js';

const today = '2026-11-25';
const parse = (input: string) => parseGs1(input, { today });
const elementsOf = (input: string) => {
  const result = parse(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse: ${result.error.message}`);
  return result.elements;
};
const errorOf = (input: string) => {
  const result = parse(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(result.elements)}`);
  return result.error;
};

describe('given the example element strings of the GS1 General Specifications and the GS1 DataMatrix Guideline', () => {
  it('when (01)09501101530003(17)140704(10)AB-123 is parsed, then GTIN, expiry and lot come out', () => {
    expect(elementsOf('(01)09501101530003(17)140704(10)AB-123')).toEqual({ gtin: '09501101530003', expiry: '2014-07-04', lot: 'AB-123' });
  });

  it('when the same DataMatrix is scanned with its symbology identifier, then the result is the same', () => {
    expect(elementsOf(']d20109501101530003171407041' + '0AB-123')).toEqual({ gtin: '09501101530003', expiry: '2014-07-04', lot: 'AB-123' });
  });

  it('when the UDI example (01)09506000134352(17)201231(10)ABC123 is parsed, then the expiry is 31 December 2020', () => {
    expect(elementsOf('(01)09506000134352(17)201231(10)ABC123')).toEqual({ gtin: '09506000134352', expiry: '2020-12-31', lot: 'ABC123' });
  });

  it('when a GS1-128 with lot and serial separated by FNC1 is scanned, then both fields are split at the GS', () => {
    expect(elementsOf(`]C1010345312000001117191125` + `10ABCD1234${GS}21S0001`)).toEqual({
      gtin: '03453120000011',
      expiry: '2019-11-25',
      lot: 'ABCD1234',
      serial: 'S0001',
    });
  });

  it('when a GS1 QR Code carries production date, expiry and serial, then every date is a calendar date', () => {
    expect(elementsOf(`]Q3010061414199999611250101172712002112345678`)).toEqual({
      gtin: '00614141999996',
      productionDate: '2025-01-01',
      expiry: '2027-12-31',
      serial: '12345678',
    });
  });

  it('when a GS1 DataBar carries a count of items, then AI 30 is a number', () => {
    expect(elementsOf(']e0011061414100041530' + '24')).toEqual({ gtin: '10614141000415', variableCount: 24 });
  });

  it('when AI 37 is scanned after the GTIN, then the count of trade items is read', () => {
    expect(elementsOf('(01)10614141000415(37)0012')).toEqual({ gtin: '10614141000415', count: 12 });
  });

  it('when the symbology identifier is given, then the result names it', () => {
    const result = parse(']d20109501101530003');
    expect(result.ok && result.symbology).toBe(']d2');
  });
});

describe('given the separators a scanner may send', () => {
  const expected = { gtin: '09501101530003', lot: 'LOT42', serial: 'SN7', expiry: '2027-06-30' };

  it.each([
    ['no symbology identifier', `010950110153000317270630` + `10LOT42${GS}21SN7`],
    ['GS1 DataMatrix ]d2', `]d2010950110153000317270630` + `10LOT42${GS}21SN7`],
    ['GS1-128 ]C1', `]C1010950110153000317270630` + `10LOT42${GS}21SN7`],
    ['GS1 QR ]Q3', `]Q3010950110153000317270630` + `10LOT42${GS}21SN7`],
    ['FNC1 in first position sent as GS', `${GS}010950110153000317270630` + `10LOT42${GS}21SN7`],
    ['a needless GS after a fixed-length field', `0109501101530003${GS}17270630${GS}10LOT42${GS}21SN7`],
    ['a trailing CR/LF from the scanner', `010950110153000317270630` + `10LOT42${GS}21SN7\r\n`],
    ['the bracketed human-readable form', '(01)09501101530003(17)270630(10)LOT42(21)SN7'],
    ['the bracketed form in another order', '(21)SN7(10)LOT42(01)09501101530003(17)270630'],
  ])('when the string comes with %s, then the same elements come out', (_, input) => {
    expect(elementsOf(input)).toEqual(expected);
  });

  it('when variable-length fields come first and the last one has no separator, then it runs to the end', () => {
    expect(elementsOf(`10LOT42${GS}0109501101530003`)).toEqual({ lot: 'LOT42', gtin: '09501101530003' });
  });
});

describe('given an expiry date (AI 17)', () => {
  it.each([
    ['270600', '2027-06-30', 'June has 30 days'],
    ['280200', '2028-02-29', 'February in a leap year'],
    ['270200', '2027-02-28', 'February in a common year'],
    ['271200', '2027-12-31', 'December'],
    ['270131', '2027-01-31', 'an explicit day'],
  ])('when it is %s, then it is %s (%s)', (yymmdd, date) => {
    expect(elementsOf(`(01)09501101530003(17)${yymmdd}`).expiry).toBe(date);
  });

  it.each([
    ['271301', /month 13 does not exist/],
    ['270001', /month 00 does not exist/],
    ['270230', /2027-02-30 is not a calendar date/],
    ['270229', /2027-02-29 is not a calendar date/],
    ['270431', /2027-04-31 is not a calendar date/],
    ['27063A', /must be 6 digits/],
  ])('when it is %s, then it is refused as an invalid date', (yymmdd, message) => {
    const error = errorOf(`(01)09501101530003(17)${yymmdd}`);
    expect(error).toMatchObject({ code: 'INVALID_DATE', ai: '17' });
    expect(error.message).toMatch(message);
  });
});

describe('given a production date (AI 11)', () => {
  it('when the day is 00, then it is the first day of the month, the earliest the item can have been made', () => {
    expect(elementsOf('(01)09501101530003(11)250300').productionDate).toBe('2025-03-01');
  });

  it('when it is a real day, then it is that day', () => {
    expect(elementsOf('(01)09501101530003(11)250314').productionDate).toBe('2025-03-14');
  });
});

describe('given the GS1 century window for YYMMDD (49 years back, 50 ahead)', () => {
  it.each([
    [26, 2026, 2026],
    [76, 2026, 2076],
    [77, 2026, 1977],
    [99, 2026, 1999],
    [0, 2026, 2000],
    [49, 2051, 2049],
    [1, 2051, 2101],
    [50, 2000, 2050],
    [51, 2000, 1951],
  ])('when YY is %i and the current year is %i, then the year is %i', (yy, year, expected) => {
    expect(centuryYear(yy, year)).toBe(expected);
  });

  it('when an expiry of year 99 is scanned in 2026, then it is 1999 and so long expired', () => {
    expect(elementsOf('(01)09501101530003(17)991231').expiry).toBe('1999-12-31');
  });
});

describe('given a GTIN (AI 01)', () => {
  it('when its check digit is wrong, then it is refused naming the expected digit', () => {
    const error = errorOf('(01)09501101530004(17)270630');
    expect(error).toMatchObject({ code: 'BAD_CHECK_DIGIT', ai: '01' });
    expect(error.message).toBe('AI (01) GTIN 09501101530004 has check digit 4, expected 3');
  });

  it('when it has 13 digits in the bracketed form, then it is too short', () => {
    expect(errorOf('(01)0950110153000(10)A')).toMatchObject({ code: 'TOO_SHORT', ai: '01' });
  });

  it('when it has a letter, then it is refused', () => {
    expect(errorOf('(01)0950110153000X')).toMatchObject({ code: 'INVALID_CHARACTER', ai: '01' });
  });

  it('when the raw string ends inside the GTIN, then it is too short', () => {
    expect(errorOf(']d2010950110153')).toMatchObject({ code: 'TOO_SHORT', ai: '01' });
  });

  it('when a separator comes inside the GTIN, then it is too short', () => {
    expect(errorOf(`]d2010950110${GS}1530003`)).toMatchObject({ code: 'TOO_SHORT', ai: '01' });
  });
});

describe('given variable-length fields', () => {
  it('when a lot has 20 characters, then it is accepted', () => {
    expect(elementsOf('(01)09501101530003(10)ABCDEFGHIJ0123456789').lot).toBe('ABCDEFGHIJ0123456789');
  });

  it('when a lot has 21 characters, then it is refused as over-length', () => {
    const error = errorOf('(01)09501101530003(10)ABCDEFGHIJ0123456789X');
    expect(error).toMatchObject({ code: 'TOO_LONG', ai: '10' });
    expect(error.message).toMatch(/21 characters, at most 20/);
  });

  it('when a serial has 21 characters, then it is refused as over-length', () => {
    expect(errorOf('(01)09501101530003(21)ABCDEFGHIJ0123456789X')).toMatchObject({ code: 'TOO_LONG', ai: '21' });
  });

  it('when the separator after a lot is missing and the serial runs into it past 20 characters, then the message points at the missing FNC1', () => {
    const error = errorOf(']d201095011015300031727063010LOT-2024-0001-A21SERIAL0000001');
    expect(error).toMatchObject({ code: 'TOO_LONG', ai: '10' });
    expect(error.message).toMatch(/FNC1 separator \(GS, ASCII 29\) before it is missing/);
  });

  it('when a count has more than 8 digits, then it is refused as over-length', () => {
    expect(errorOf('(01)09501101530003(30)123456789')).toMatchObject({ code: 'TOO_LONG', ai: '30' });
  });

  it('when a count has a letter, then it is refused', () => {
    expect(errorOf('(01)09501101530003(37)12A')).toMatchObject({ code: 'INVALID_CHARACTER', ai: '37' });
  });

  it('when a lot has a space (not in GS1 character set 82), then it is refused naming the character', () => {
    const error = errorOf('(01)09501101530003(10)AB 12');
    expect(error).toMatchObject({ code: 'INVALID_CHARACTER', ai: '10' });
    expect(error.message).toMatch(/contains " "/);
  });

  it('when the bracketed form carries a GS inside a value, then it is refused naming GS', () => {
    expect(errorOf(`(01)09501101530003(10)AB${GS}12`).message).toMatch(/contains GS \(ASCII 29\)/);
  });

  it('when an AI has no value, then it is refused', () => {
    expect(errorOf(`0109501101530003${'10'}${GS}21SN1`)).toMatchObject({ code: 'EMPTY_VALUE', ai: '10' });
    expect(errorOf('(01)09501101530003(10)(21)SN1')).toMatchObject({ code: 'EMPTY_VALUE', ai: '10' });
  });

  it('when two separators follow each other, then the string is refused as malformed', () => {
    expect(errorOf(`0109501101530003${'10'}A${GS}${GS}21SN1`)).toMatchObject({ code: 'MALFORMED' });
  });
});

describe('given AIs this system does not know', () => {
  it('when an unknown AI comes in the raw form, then it is refused, never skipped', () => {
    const error = errorOf(']d20109501101530003' + '99TESTING123');
    expect(error).toMatchObject({ code: 'UNKNOWN_AI', ai: '99', position: 16 });
    expect(error.message).toMatch(/unknown or unsupported application identifier starting "99/);
  });

  it('when an unknown four-digit AI comes in the bracketed form, then it is named', () => {
    expect(errorOf('(01)95012345678903(3103)000123')).toMatchObject({ code: 'UNKNOWN_AI', ai: '3103' });
  });

  it('when the raw form has a letter where an AI should start, then it is malformed', () => {
    expect(errorOf('ABC')).toMatchObject({ code: 'MALFORMED' });
  });
});

describe('given other faults', () => {
  it.each([[''], ['\r\n']])('when the scan is empty (%j), then it is refused', (input) => {
    expect(errorOf(input)).toMatchObject({ code: 'EMPTY' });
  });

  it('when the symbology identifier is not a GS1 one, then it is refused', () => {
    expect(errorOf(']d1ABC')).toMatchObject({ code: 'UNSUPPORTED_SYMBOLOGY' });
  });

  it('when only a symbology identifier arrives, then it is refused as empty', () => {
    expect(errorOf(']C1')).toMatchObject({ code: 'EMPTY' });
  });

  it('when an AI appears twice with different values, then it is refused', () => {
    expect(errorOf('(01)09501101530003(10)A(10)B')).toMatchObject({ code: 'DUPLICATE_AI', ai: '10' });
  });

  it('when a lot comes without a GTIN, then it is refused: a lot means nothing without its product', () => {
    expect(errorOf('(10)ABC(17)270630')).toMatchObject({ code: 'MISSING_GTIN' });
  });

  it('when the bracketed form does not start with an AI, then it is malformed', () => {
    expect(errorOf('(ab)12')).toMatchObject({ code: 'MALFORMED' });
  });
});

describe('given any UDI a label printer could produce (property-based)', () => {
  const set82 = [...'!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'];
  const text = fc.array(fc.constantFrom(...set82), { minLength: 1, maxLength: 20 }).map((chars) => chars.join(''));
  const gtin = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 13 }).map((digits) => {
    const body = digits.join('');
    return `${body}${gtinCheckDigit(body)}`;
  });
  // Inside the century window around today: 40 years back to 40 ahead.
  const date = fc.integer({ min: -40 * 365, max: 40 * 365 }).map((days) => addDays(today, days));
  const udi: fc.Arbitrary<Gs1Elements> = fc.record(
    {
      gtin,
      lot: text,
      serial: text,
      expiry: date,
      productionDate: date,
      variableCount: fc.integer({ min: 0, max: 99_999_999 }),
    },
    { requiredKeys: ['gtin'] },
  );

  it('when it is encoded raw with any symbology identifier and parsed, then the same elements come back', () => {
    fc.assert(
      fc.property(udi, fc.constantFrom(undefined, ']d2' as const, ']C1' as const, ']Q3' as const, ']e0' as const), (elements, symbology) => {
        const encoded = encodeGs1(elements, { form: 'raw', ...(symbology ? { symbology } : {}) });
        const result = parseGs1(encoded, { today });
        expect(result.ok && result.elements).toEqual(elements);
      }),
      { numRuns: 500 },
    );
  });

  it('when it is encoded in the bracketed form and parsed, then the same elements come back', () => {
    // A value such as "(10)" inside a lot would read as an AI in the bracketed form; people do not type those.
    const plain = udi.filter((elements) => ![elements.lot, elements.serial].some((value) => value && /\(\d{2,4}\)/.test(value)));
    fc.assert(
      fc.property(plain, (elements) => {
        const result = parseGs1(encodeGs1(elements, { form: 'bracketed' }), { today });
        expect(result.ok && result.elements).toEqual(elements);
      }),
      { numRuns: 500 },
    );
  });

  it('when a GTIN digit is changed, then the parser never accepts it silently', () => {
    fc.assert(
      fc.property(gtin, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 9 }), (value, index, delta) => {
        const digits = [...value];
        digits[index] = String((Number(digits[index]) + delta) % 10);
        const result = parseGs1(`(01)${digits.join('')}`, { today });
        expect(result.ok).toBe(false);
      }),
    );
  });
});
