import { gtinCheckDigit } from '../../shared/platform/domain/gtin.js';

/** A GTIN-14 no other test uses, with a valid check digit. */
export function uniqueGtin(): string {
  const body = `9${Date.now().toString().slice(-8)}${Math.floor(Math.random() * 1e4)
    .toString()
    .padStart(4, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
}
