import { describe, expect, it } from 'vitest';
import { backoffDelay, CONTENTION_BACKOFF } from '../../../shared/platform/domain/backoff.js';

describe('given exponential backoff with full jitter (base 25 ms, cap 1 s)', () => {
  it.each([
    [0, 25],
    [1, 50],
    [2, 100],
    [5, 800],
    [6, 1000],
    [40, 1000],
  ])('when retry %i draws the largest random number, then it waits just under %i ms', (attempt, ceiling) => {
    const delay = backoffDelay(attempt, CONTENTION_BACKOFF, 0.999_999_9);
    expect(delay).toBeLessThan(ceiling);
    expect(delay).toBeGreaterThanOrEqual(ceiling - 1);
  });

  it('when the random draw is 0, then the retry goes at once', () => {
    expect(backoffDelay(3, CONTENTION_BACKOFF, 0)).toBe(0);
  });

  it('when the random draw is one half, then the wait is half the ceiling', () => {
    expect(backoffDelay(2, CONTENTION_BACKOFF, 0.5)).toBe(50);
  });

  it('when the attempt is negative or fractional, then it is refused', () => {
    expect(() => backoffDelay(-1, CONTENTION_BACKOFF, 0.5)).toThrow(/non-negative integer/);
    expect(() => backoffDelay(1.5, CONTENTION_BACKOFF, 0.5)).toThrow(/non-negative integer/);
  });
});
