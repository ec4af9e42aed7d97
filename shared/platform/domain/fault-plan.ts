import { z } from 'zod';

/**
 * What a fault does to one invocation of a function:
 * - `fail`: a technical error (`FaultInjected`), as a crash or an unnamed SDK error would;
 * - `throttle`: an error named `TooManyRequestsException`, as a throttled AWS call (or a throttled invoke) would;
 * - `delay`: waits `delayMs` before the function runs (past the function's timeout it is a Lambda timeout).
 */
export const FAULT_KINDS = ['fail', 'throttle', 'delay'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One fault of a plan, kept in the table under `PK=FAULT#{function id}`, `SK={subject}` (an order id for a workflow
 * step, the Idempotency-Key for an API request) or `SK=ANY` (every invocation). It is bounded by a count
 * (`remaining` invocations), an end (`until`), or both; `injected` counts the invocations it hit.
 */
export const FaultRule = z
  .object({
    kind: z.enum(FAULT_KINDS),
    remaining: z.number().int().min(0).optional(),
    until: z.iso.datetime().optional(),
    delayMs: z.number().int().min(0).max(900_000).optional(),
    injected: z.number().int().min(0).optional(),
  })
  .refine((rule) => rule.remaining !== undefined || rule.until !== undefined, { message: 'a fault needs a count (remaining) or an end (until)' })
  .refine((rule) => rule.kind !== 'delay' || rule.delayMs !== undefined, { message: 'a delay needs delayMs' });
export type FaultRule = z.infer<typeof FaultRule>;

/** The sort key of a fault that hits every invocation of its function, whatever the subject. */
export const ANY_SUBJECT = 'ANY';

/** Whether a rule still hits an invocation at `now`: some count left, and its end not reached. */
export function faultIsDue(rule: FaultRule, now: Date): boolean {
  if (rule.remaining !== undefined && rule.remaining <= 0) return false;
  if (rule.until !== undefined && Date.parse(rule.until) <= now.getTime()) return false;
  return true;
}

/** The error a `fail` or `throttle` fault throws: its name is what Step Functions' retriers match. */
export class InjectedFault extends Error {
  constructor(
    readonly kind: Exclude<FaultKind, 'delay'>,
    target: string,
  ) {
    super(`fault injected into ${target} (${kind})`);
    this.name = kind === 'throttle' ? 'TooManyRequestsException' : 'FaultInjected';
  }
}
