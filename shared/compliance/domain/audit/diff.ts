import { canonicalJson } from '../../../platform/domain/canonical-json.js';
import type { AttributeChange } from './chain.js';

/**
 * The top-level attributes that differ between two images of an item. Values
 * are compared by their canonical form, so key order and number/string
 * normalisation never show up as a change; nested values are kept whole.
 */
export function attributeChanges(before: Record<string, unknown>, after: Record<string, unknown>): AttributeChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: AttributeChange[] = [];
  for (const field of fields) {
    const had = field in before;
    const has = field in after;
    if (had && has && canonicalJson(before[field]) === canonicalJson(after[field])) continue;
    changes.push({ field, ...(had ? { before: before[field] } : {}), ...(has ? { after: after[field] } : {}) });
  }
  return changes;
}

/**
 * Reads a DynamoDB number from its exact text: a safe integer as a number,
 * anything else (decimals, huge integers) as the text itself, never a float.
 */
export function numberFromDynamo(text: string): number | string {
  const asNumber = Number(text);
  return Number.isSafeInteger(asNumber) && String(asNumber) === text ? asNumber : text;
}

/**
 * Makes a value fit canonical JSON: decimals and integers beyond 2^53 become
 * their decimal strings (DynamoDB numbers are decimals), sets become sorted
 * arrays, binaries base64. What is hashed is exactly what is stored.
 */
export function normalizeValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Set) return [...value].map(normalizeValue).sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .map(([key, member]) => [key, normalizeValue(member)]),
    );
  }
  return String(value);
}
