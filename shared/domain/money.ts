import Big from 'big.js';

/**
 * Money is carried as a decimal string ("1234.50") everywhere: on the wire, in
 * the table and in documents. Arithmetic goes through big.js so no amount ever
 * passes through a binary float.
 */
export type DecimalString = string;

const DECIMAL_PATTERN = /^-?\d{1,12}(\.\d{1,4})?$/;
/** Commercial rounding (half away from zero) to cents, as invoices are rounded. */
const ROUND_HALF_UP = 1;
export const MONEY_SCALE = 2;

export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

export function toMoney(value: Big): DecimalString {
  return value.round(MONEY_SCALE, ROUND_HALF_UP).toFixed(MONEY_SCALE);
}

export function multiply(unitPrice: DecimalString, quantity: number): DecimalString {
  if (!Number.isInteger(quantity)) throw new Error(`quantity must be an integer, got ${quantity}`);
  return toMoney(new Big(unitPrice).times(quantity));
}

export function sum(amounts: readonly DecimalString[]): DecimalString {
  return toMoney(amounts.reduce((total, amount) => total.plus(amount), new Big(0)));
}

export function compare(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  return new Big(a).cmp(b);
}

export function isGreaterThan(a: DecimalString, b: DecimalString): boolean {
  return compare(a, b) > 0;
}

export function equalAmounts(a: DecimalString, b: DecimalString): boolean {
  return compare(a, b) === 0;
}
