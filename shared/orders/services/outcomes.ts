/**
 * What each workflow step returns. Business results are data: the state
 * machine routes on `outcome` with Choice states, never on error names
 * (which the local emulator does not preserve, and which conflate business
 * outcomes with technical failure).
 */
export type StepOutcome =
  | { outcome: 'CONTINUE' }
  | { outcome: 'REJECT'; reason: string }
  | { outcome: 'WAIT'; reason: string }
  | { outcome: 'REALLOCATE'; reason: string };

export type Rejection = { outcome: 'REJECT'; reason: string };

export const CONTINUE: StepOutcome = { outcome: 'CONTINUE' };
export const reject = (reason: string): Rejection => ({ outcome: 'REJECT', reason });
