import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, isValidGtin14 } from '../../../shared/platform/domain/gtin.js';

/** An independent oracle: GS1 weights 3,1,3,1,... from the left of the 13-digit body of a GTIN-14. */
function referenceCheckDigit14(body13: string): number {
  const total = [...body13].reduce((acc, digit, index) => acc + Number(digit) * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (total % 10)) % 10;
}

describe('given published GS1 identifiers with their check digits', () => {
  it.each([
    ['GTIN-8 (EAN-8)', '9638507', 4],
    ['GTIN-12 (UPC-A)', '03600029145', 2],
    ['GTIN-13 (EAN-13)', '590123412345', 7],
    ['GTIN-13 (ISBN-13 978-0-306-40615-7)', '978030640615', 7],
    ['GTIN-13 (EAN-13)', '400638133393', 1],
    ['GTIN-14 (the API example)', '0501234567890', 0],
  ])('when the check digit of a %s body %s is computed, then it is %i', (_kind, body, expected) => {
    expect(gtinCheckDigit(body)).toBe(expected);
  });
});

describe('given a 14-digit GTIN', () => {
  it.each(['05012345678900', '00000096385074', '00036000291452', '05901234123457', '09780306406157', '04006381333931'])(
    'when %s (a known-good GTIN padded to 14 digits) is checked, then it is valid',
    (gtin) => {
      expect(isValidGtin14(gtin)).toBe(true);
    },
  );

  it.each([
    ['05012345678901', 'wrong check digit'],
    ['05012345678909', 'wrong check digit'],
    ['05021345678900', 'two adjacent digits transposed'],
    ['05012345678090', 'single digit moved'],
    ['5012345678900', '13 digits'],
    ['050123456789000', '15 digits'],
    ['0501234567890a', 'a letter'],
    ['0501234567890 ', 'trailing space'],
    ['05012345-78900', 'a hyphen'],
    ['０５０１２３４５６７８９００', 'full-width digits'],
    ['', 'empty'],
  ])('when %j is checked, then it is invalid (%s)', (gtin) => {
    expect(isValidGtin14(gtin)).toBe(false);
  });

  it('when the body of every valid example is checked, then the function agrees with an independent left-to-right oracle', () => {
    const bodies = ['0501234567890', '0000009638507', '0003600029145', '0590123412345', '0978030640615', '1061414100041', '9999999999999', '0000000000000'];
    for (const body of bodies) {
      const digit = gtinCheckDigit(body);
      expect(digit).toBe(referenceCheckDigit14(body));
      expect(isValidGtin14(`${body}${digit}`)).toBe(true);
      expect(isValidGtin14(`${body}${(digit + 1) % 10}`)).toBe(false);
    }
  });

  it('when any single digit of a valid GTIN is changed, then the check digit catches it', () => {
    const valid = '05012345678900';
    for (let position = 0; position < 14; position++) {
      for (let replacement = 0; replacement <= 9; replacement++) {
        const original = Number(valid[position]);
        if (replacement === original) continue;
        const altered = `${valid.slice(0, position)}${replacement}${valid.slice(position + 1)}`;
        expect(isValidGtin14(altered), altered).toBe(false);
      }
    }
  });

  it('when adjacent digits that differ by 5 are swapped, then mod-10 cannot tell (a known limit of the GS1 scheme)', () => {
    expect(isValidGtin14('50012345678900')).toBe(true);
  });
});
