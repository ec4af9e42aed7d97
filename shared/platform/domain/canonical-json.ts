import { createHash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted by code point, no whitespace,
 * undefined members dropped (the JSON Canonicalization Scheme, RFC 8785,
 * for documents without floats: amounts here are decimal strings). The same
 * record always serializes to the same bytes, so its hash and signature can be
 * recomputed years later.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON holds integers only, got ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    // Dates, Sets, Maps and class instances would silently become "{}": refuse them.
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      throw new Error(`canonical JSON holds plain objects only, got ${(value as object).constructor?.name ?? 'an exotic object'}`);
    }
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  throw new Error(`cannot canonicalize a ${typeof value}`);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
