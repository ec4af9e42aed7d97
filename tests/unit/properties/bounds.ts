import { expect } from 'vitest';

/**
 * Runs `work` and fails if it takes longer than `ms`: a parser given a long
 * adversarial input must stay (near) linear, not backtrack (catastrophic
 * regular expressions) or rescan its input for every piece.
 */
export function withinTime<T>(ms: number, work: () => T): T {
  const started = performance.now();
  const result = work();
  const took = performance.now() - started;
  expect(took, `took ${took.toFixed(0)} ms`).toBeLessThan(ms);
  return result;
}
