import { canonicalJson } from '../../platform/domain/canonical-json.js';

/** Top-level fields whose value differs between two versions of a master record, sorted; key order never counts. */
export function changedFields(before: Readonly<Record<string, unknown>> | undefined, after: Readonly<Record<string, unknown>>): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter((key) => canonicalJson(before?.[key] ?? null) !== canonicalJson(after[key] ?? null)).sort();
}

/** A version's time, never earlier than the previous version's, so versions sort by time even when clocks disagree. */
export function recordedAtAfter(previous: string | undefined, now: Date): string {
  const at = now.toISOString();
  return previous !== undefined && previous >= at ? new Date(Date.parse(previous) + 1).toISOString() : at;
}
