import { createHash } from 'node:crypto';

/**
 * Attributes that are credentials, not business data: a Step Functions task
 * token lets whoever holds it decide an approval or ship an order. The audit
 * trail records that such a value was set or changed, never the value: it
 * keeps a short fingerprint instead, so two events still show whether the
 * token was the same, and nobody reading the trail or an export can use it.
 */
const SECRET_ATTRIBUTES: ReadonlySet<string> = new Set(['taskToken']);

export const redactedFingerprint = (value: unknown): string =>
  `redacted:sha256:${createHash('sha256')
    .update(typeof value === 'string' ? value : JSON.stringify(value))
    .digest('hex')
    .slice(0, 16)}`;

export function redactSecrets(image: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(image).some((key) => SECRET_ATTRIBUTES.has(key))) return image;
  return Object.fromEntries(
    Object.entries(image).map(([key, value]) => [key, SECRET_ATTRIBUTES.has(key) && value !== undefined ? redactedFingerprint(value) : value]),
  );
}
