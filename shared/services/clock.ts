/** UTC instant as ISO 8601 with Z; the only time format stored. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
