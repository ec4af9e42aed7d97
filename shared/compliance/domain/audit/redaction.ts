import { createHash } from 'node:crypto';

/**
 * Attributes that are credentials, not business data: a Step Functions task
 * token lets whoever holds it decide an approval or ship an order; a recall
 * acknowledgement id (the emailed link) lets whoever holds it acknowledge a
 * recall for the consignee. The audit trail records that such a value was set
 * or changed, never the value: it keeps a short fingerprint instead, so two
 * events still show whether the value was the same, and nobody reading the
 * trail or an export can use it.
 */
const SECRET_ATTRIBUTES: ReadonlySet<string> = new Set(['taskToken', 'ackId']);

export const redactedFingerprint = (value: unknown): string =>
  `redacted:sha256:${createHash('sha256')
    .update(typeof value === 'string' ? value : JSON.stringify(value))
    .digest('hex')
    .slice(0, 16)}`;

/** The credential values an item carries (in any of its images). */
export function secretsOf(...images: readonly (Record<string, unknown> | undefined)[]): string[] {
  const values = images.flatMap((image) =>
    Object.entries(image ?? {}).flatMap(([key, value]) => (SECRET_ATTRIBUTES.has(key) && typeof value === 'string' && value !== '' ? [value] : [])),
  );
  return [...new Set(values)];
}

/** A text (a key such as `RECALLACK#{ackId}`) with every credential it embeds replaced by its fingerprint. */
export function redactText(text: string, secrets: readonly string[]): string {
  return secrets.reduce((redacted, secret) => redacted.split(secret).join(redactedFingerprint(secret)), text);
}

/**
 * An image with its credentials replaced by their fingerprints: the secret
 * attributes themselves, and keys or other text attributes that embed one of
 * the item's credentials (the acknowledgement link item is keyed by its id).
 */
export function redactSecrets(image: Record<string, unknown>, secrets: readonly string[] = secretsOf(image)): Record<string, unknown> {
  const embeds = (value: unknown) => typeof value === 'string' && secrets.some((secret) => value.includes(secret));
  if (!Object.entries(image).some(([key, value]) => SECRET_ATTRIBUTES.has(key) || embeds(value))) return image;
  return Object.fromEntries(
    Object.entries(image).map(([key, value]) => {
      if (SECRET_ATTRIBUTES.has(key) && value !== undefined) return [key, redactedFingerprint(value)];
      return [key, typeof value === 'string' ? redactText(value, secrets) : value];
    }),
  );
}

/**
 * Personal data the trail references instead of copying (data minimisation,
 * GDPR Art. 5(1)(c)): a contact e-mail address is kept on its live item,
 * where it can be corrected or erased, while the trail, which is sealed into
 * segments kept for decades under Object Lock, keeps only a fingerprint that
 * shows when the address changed and confirms a known address, without
 * holding it. Names that are part of the regulated record itself (a
 * signature's printed name, who acknowledged a recall) are kept: they are
 * what the record is for (docs/threat-model.md#personal-data).
 */
const REFERENCED_PERSONAL_ATTRIBUTES: ReadonlySet<string> = new Set(['contactEmail']);

export const personalFingerprint = (value: unknown): string =>
  `personal:sha256:${createHash('sha256')
    .update(typeof value === 'string' ? value.trim().toLowerCase() : JSON.stringify(value))
    .digest('hex')
    .slice(0, 16)}`;

/** An image with its referenced personal attributes replaced by their fingerprints. */
export function minimisePersonalData(image: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(image).some((key) => REFERENCED_PERSONAL_ATTRIBUTES.has(key))) return image;
  return Object.fromEntries(
    Object.entries(image).map(([key, value]) => [
      key,
      REFERENCED_PERSONAL_ATTRIBUTES.has(key) && value !== undefined && value !== null ? personalFingerprint(value) : value,
    ]),
  );
}
