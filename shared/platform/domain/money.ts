import Big from 'big.js';

/**
 * Money is carried as a decimal string ("1234.50") everywhere: on the wire, in
 * the table and in documents. Arithmetic goes through big.js so no amount ever
 * passes through a binary float.
 */
export type DecimalString = string;

/** A decimal amount as a string: an optional minus, up to 12 digits, up to 4 decimals. */
export const DECIMAL_PATTERN = /^-?\d{1,12}(\.\d{1,4})?$/;
/**
 * Banker's rounding (half to even) to the currency's minor unit, at line level:
 * the pricing engine, invoices and exposure all round the same way, so a
 * line priced on the order is the same amount on the invoice.
 */
const ROUND_HALF_EVEN = 2;
export const MONEY_SCALE = 2;
/** Unit prices keep up to four decimals (a percentage off 12.99 is 11.691). */
export const UNIT_PRICE_SCALE = 4;

export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

export function toMoney(value: Big): DecimalString {
  return value.round(MONEY_SCALE, ROUND_HALF_EVEN).toFixed(MONEY_SCALE);
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

/** A unit price rounded half-even to four decimals, without trailing zeros beyond cents ("11.691", "12.40"). */
export function toUnitPrice(value: Big): DecimalString {
  const rounded = value.round(UNIT_PRICE_SCALE, ROUND_HALF_EVEN);
  return rounded.round(MONEY_SCALE, 0).eq(rounded) ? rounded.toFixed(MONEY_SCALE) : rounded.toString();
}
