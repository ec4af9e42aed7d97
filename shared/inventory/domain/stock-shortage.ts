/**
 * What an order does when its lines cannot all be allocated. The order is
 * never partially allocated: what it reserved goes back to stock, and it
 * waits for stock (goods receipts, quality releases, other orders' releases)
 * and tries again, for at most `maxWaitSeconds` since it first came up
 * short. Then it is rejected with the missing quantities named. A policy of
 * zero seconds rejects at once.
 */
export interface StockWaitPolicy {
  maxWaitSeconds: number;
}

export const REJECT_AT_ONCE: StockWaitPolicy = { maxWaitSeconds: 0 };

export type ShortageDecision = { action: 'WAIT'; awaitingSince: string; giveUpAt: string } | { action: 'GIVE_UP'; waitedSeconds: number };

/** `awaitingSince` is when the order first came up short (undefined on its first shortage). */
export function decideOnShortage(policy: StockWaitPolicy, awaitingSince: string | undefined, now: Date): ShortageDecision {
  const since = awaitingSince ? new Date(awaitingSince) : now;
  if (Number.isNaN(since.getTime())) throw new Error(`awaitingSince is not a timestamp: ${awaitingSince}`);
  const waitedSeconds = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
  const giveUpAt = new Date(since.getTime() + policy.maxWaitSeconds * 1000);
  if (policy.maxWaitSeconds <= 0 || now.getTime() >= giveUpAt.getTime()) return { action: 'GIVE_UP', waitedSeconds };
  return { action: 'WAIT', awaitingSince: since.toISOString(), giveUpAt: giveUpAt.toISOString() };
}

/** "2 days 3 hours", "45 seconds": how long an order waited, for the rejection reason. */
export function describeDuration(seconds: number): string {
  const units: [string, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
    ['second', 1],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(seconds));
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
  }
  return parts.length ? parts.join(' ') : '0 seconds';
}
