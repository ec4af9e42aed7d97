import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { compare, equalAmounts, isDecimalString, isGreaterThan, multiply, sum, toMoney } from '../../../shared/platform/domain/money.js';

describe('given amounts written as decimal strings', () => {
  it.each(['0', '12', '12.5', '12.50', '12.5000', '-3.25', '999999999999.9999'])('when %j is checked, then it is a decimal amount', (value) => {
    expect(isDecimalString(value)).toBe(true);
  });

  it.each(['', '12.', '.5', '+1', '1e3', '1,000.00', '12.34567', '1234567890123', ' 12', '12 ', 'NaN', 'Infinity', '0x10', '١٢'])(
    'when %j is checked, then it is not a decimal amount',
    (value) => {
      expect(isDecimalString(value)).toBe(false);
    },
  );
});

describe('given an exact decimal value to round to cents', () => {
  it.each([
    ['0.005', '0.00'],
    ['0.015', '0.02'],
    ['0.004', '0.00'],
    ['1.005', '1.00'],
    ['1.015', '1.02'],
    ['2.675', '2.68'],
    ['1.115', '1.12'],
    ['1.125', '1.12'],
    ['-0.005', '0.00'],
    ['-0.015', '-0.02'],
    ['-2.675', '-2.68'],
    ['7', '7.00'],
    ['7.1', '7.10'],
    ['0.0049', '0.00'],
    ['0.0050', '0.00'],
    ['0.0051', '0.01'],
  ])('when %s is made money, then it rounds half to even to %s', (value, expected) => {
    expect(toMoney(new Big(value))).toBe(expected);
  });

  it('when 1.005 and 2.675 are rounded, then the result differs from the float artefacts of Number.toFixed', () => {
    // Binary floats store 1.005 as 1.00499999... and 2.675 as 2.67499999...
    expect((1.005).toFixed(2)).toBe('1.00');
    expect((2.675).toFixed(2)).toBe('2.67');
    expect(toMoney(new Big('1.005'))).toBe('1.00');
    expect(toMoney(new Big('1.015'))).toBe('1.02');
    expect(toMoney(new Big('2.675'))).toBe('2.68');
  });
});

describe('given a unit price and a quantity', () => {
  it('when 0.1 is multiplied by 3, then the line total is exactly 0.30', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(multiply('0.1', 3)).toBe('0.30');
  });

  it('when 1.1 is multiplied by 3, then the line total is exactly 3.30', () => {
    expect(multiply('1.1', 3)).toBe('3.30');
  });

  it('when 19.99 is multiplied by 3, then the line total is 59.97', () => {
    expect(multiply('19.99', 3)).toBe('59.97');
  });

  it('when a four-decimal price is multiplied, then only the line total is rounded half-even to cents', () => {
    expect(multiply('0.3333', 3)).toBe('1.00');
    expect(multiply('12.345', 1)).toBe('12.34');
    expect(multiply('12.355', 1)).toBe('12.36');
    expect(multiply('12.3449', 1)).toBe('12.34');
    expect(multiply('0.0001', 99_999)).toBe('10.00');
  });

  it('when the quantity is zero, then the line total is 0.00', () => {
    expect(multiply('12.50', 0)).toBe('0.00');
  });

  it('when the product exceeds the precision of a float, then it is still exact to the cent', () => {
    expect(multiply('123456789012.3457', 99_999)).toBe('12345555444445557.65');
  });

  it.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY])('when the quantity is %s, then multiplying refuses it', (quantity) => {
    expect(() => multiply('1.00', quantity)).toThrow(/quantity must be an integer/);
  });
});

describe('given a list of amounts to add up', () => {
  it('when 0.1 and 0.2 are added, then the total is exactly 0.30', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sum(['0.1', '0.2'])).toBe('0.30');
  });

  it('when the list is empty, then the total is 0.00', () => {
    expect(sum([])).toBe('0.00');
  });

  it('when many small amounts are added, then no error accumulates', () => {
    expect(sum(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
    expect(sum(Array.from({ length: 10 }, () => '0.1'))).toBe('1.00');
  });

  it('when amounts have sub-cent digits, then the exact total is rounded once at the end', () => {
    expect(sum(['0.004', '0.004'])).toBe('0.01');
    expect(sum(['10.005', '-0.001'])).toBe('10.00');
  });

  it('when credits and debits are mixed, then the signed total is exact', () => {
    expect(sum(['100.00', '-25.50', '0.50'])).toBe('75.00');
  });
});

describe('given two amounts to compare', () => {
  it('when they differ only in trailing zeros, then they are equal', () => {
    expect(equalAmounts('12.5', '12.50')).toBe(true);
    expect(equalAmounts('12', '12.0000')).toBe(true);
    expect(equalAmounts('0', '-0.00')).toBe(true);
    expect(compare('12.5', '12.50')).toBe(0);
  });

  it('when one is a cent more, then it is greater and not equal', () => {
    expect(isGreaterThan('10000.01', '10000.00')).toBe(true);
    expect(isGreaterThan('10000.00', '10000.01')).toBe(false);
    expect(equalAmounts('10000.01', '10000.00')).toBe(false);
  });

  it('when they are equal, then neither is greater', () => {
    expect(isGreaterThan('10000', '10000.00')).toBe(false);
  });

  it('when compared, then the order is numeric, not textual', () => {
    expect(compare('9.99', '10.00')).toBe(-1);
    expect(compare('100', '99.999')).toBe(1);
    expect(compare('-1', '1')).toBe(-1);
  });
});
