/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential
 * Backoff And Jitter"): the n-th retry waits a random time between 0 and
 * min(cap, base * 2^n). Spreading the retries is what lets many writers on
 * one hot item make progress instead of colliding again in lockstep.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const CONTENTION_BACKOFF: BackoffPolicy = { baseMs: 25, capMs: 1_000 };

/** Delay before retry number `attempt` (0 for the first retry); `random` is in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  if (!Number.isInteger(attempt) || attempt < 0) throw new Error(`attempt must be a non-negative integer, got ${attempt}`);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(Math.min(Math.max(random, 0), 0.999_999) * ceiling);
}
