import { z } from 'zod';

/**
 * The closed value sets of the pricing engine, declared once: the engine
 * (shared/master-data/domain/pricing.ts) takes its types from here and the
 * order view (shared/orders/schemas/order.ts) validates with these enums, so a
 * new level or status is added in one place. A leaf module (zod only): the
 * orders schemas import it without a cycle through master-data.ts.
 */

/** Price rule levels, highest precedence first (contract > customer-group list > channel list > base list). */
export const PRICE_LEVELS = ['CONTRACT', 'CUSTOMER_GROUP', 'CHANNEL', 'BASE'] as const;
export const PriceLevel = z.enum(PRICE_LEVELS);
export type PriceLevel = z.infer<typeof PriceLevel>;

/** A candidate in a price explanation: a price rule of some level, or a promotion. */
export const CANDIDATE_LEVELS = [...PRICE_LEVELS, 'PROMOTION'] as const;
export const CandidateLevel = z.enum(CANDIDATE_LEVELS);
export type CandidateLevel = z.infer<typeof CandidateLevel>;

export const CANDIDATE_STATUSES = [
  'CHOSEN',
  'OUTRANKED',
  'NOT_YET_VALID',
  'EXPIRED',
  'OUT_OF_SCOPE',
  'CURRENCY_MISMATCH',
  'NOT_STACKABLE',
  'SMALLER_DISCOUNT',
] as const;
export const CandidateStatus = z.enum(CANDIDATE_STATUSES);
export type CandidateStatus = z.infer<typeof CandidateStatus>;
