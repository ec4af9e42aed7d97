import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { ANY_SUBJECT, FaultRule, faultIsDue, type FaultRule as Rule } from '../../../shared/platform/domain/fault-plan.js';
import { faultInjection, faultInjectionSettings, type FaultStore } from '../../../shared/platform/fault-injection.js';

const NOW = new Date('2026-12-03T12:00:00.000Z');

/** The table's plan, in memory: rules by target and subject, taken as the table's conditional update takes them. */
function fakeStore(rules: Record<string, Rule>) {
  const store: FaultStore & { rules: Record<string, Rule> } = {
    rules,
    async read(target, subject) {
      const specific = subject === undefined ? undefined : rules[`${target}/${subject}`];
      if (specific) return { sortKey: subject!, rule: specific };
      const any = rules[`${target}/${ANY_SUBJECT}`];
      return any ? { sortKey: ANY_SUBJECT, rule: any } : undefined;
    },
    async take(target, sortKey, _rule, now) {
      const rule = rules[`${target}/${sortKey}`];
      if (!rule || !faultIsDue(rule, now)) return false;
      rules[`${target}/${sortKey}`] = {
        ...rule,
        injected: (rule.injected ?? 0) + 1,
        ...(rule.remaining !== undefined ? { remaining: rule.remaining - 1 } : {}),
      };
      return true;
    },
  };
  return store;
}

const settings = { table: 'orders', target: 'Ship' };

function handlerWith(store: FaultStore) {
  let ran = 0;
  const handler = middy(async (input: { orderId: string }) => {
    ran += 1;
    return { shipped: input.orderId };
  }).use(
    faultInjection<{ orderId: string }, { shipped: string }>(
      settings,
      (input) => input.orderId,
      store,
      () => NOW,
    ),
  );
  return { invoke: (orderId: string) => handler({ orderId }, {} as never), ran: () => ran };
}

describe('given a fault rule', () => {
  it('when it has neither a count nor an end, then it is refused (a fault is always bounded)', () => {
    expect(FaultRule.safeParse({ kind: 'fail' }).success).toBe(false);
  });

  it('when a delay names no duration, then it is refused', () => {
    expect(FaultRule.safeParse({ kind: 'delay', remaining: 1 }).success).toBe(false);
  });

  it('when its count is used up or its end has passed, then it is no longer due', () => {
    expect(faultIsDue({ kind: 'fail', remaining: 1 }, NOW)).toBe(true);
    expect(faultIsDue({ kind: 'fail', remaining: 0 }, NOW)).toBe(false);
    expect(faultIsDue({ kind: 'fail', until: '2026-12-03T12:00:01.000Z' }, NOW)).toBe(true);
    expect(faultIsDue({ kind: 'fail', until: '2026-12-03T12:00:00.000Z' }, NOW)).toBe(false);
  });
});

describe('given the fault middleware of a step', () => {
  it('when two failures are planned for an order, then its first two invocations fail with a technical error and the third runs', async () => {
    const store = fakeStore({ 'Ship/ORD-1': { kind: 'fail', remaining: 2 } });
    const step = handlerWith(store);
    await expect(step.invoke('ORD-1')).rejects.toMatchObject({ name: 'FaultInjected' });
    await expect(step.invoke('ORD-1')).rejects.toMatchObject({ name: 'FaultInjected' });
    await expect(step.invoke('ORD-1')).resolves.toEqual({ shipped: 'ORD-1' });
    expect(step.ran()).toBe(1);
    expect(store.rules['Ship/ORD-1']).toMatchObject({ remaining: 0, injected: 2 });
  });

  it('when a throttle is planned, then the error is named as an AWS throttle (TooManyRequestsException), which the transient retrier matches', async () => {
    const step = handlerWith(fakeStore({ 'Ship/ORD-1': { kind: 'throttle', remaining: 1 } }));
    await expect(step.invoke('ORD-1')).rejects.toMatchObject({ name: 'TooManyRequestsException' });
  });

  it("when a fault is planned for one order, then another order's invocation is untouched", async () => {
    const step = handlerWith(fakeStore({ 'Ship/ORD-1': { kind: 'fail', remaining: 5 } }));
    await expect(step.invoke('ORD-2')).resolves.toEqual({ shipped: 'ORD-2' });
  });

  it('when a fault is planned for every invocation until a time, then invocations fail until then', async () => {
    const store = fakeStore({ [`Ship/${ANY_SUBJECT}`]: { kind: 'fail', until: '2026-12-03T12:00:05.000Z' } });
    await expect(handlerWith(store).invoke('ORD-3')).rejects.toMatchObject({ name: 'FaultInjected' });
    store.rules[`Ship/${ANY_SUBJECT}`] = { kind: 'fail', until: '2026-12-03T11:59:59.000Z' };
    await expect(handlerWith(store).invoke('ORD-3')).resolves.toEqual({ shipped: 'ORD-3' });
  });

  it('when a delay is planned, then the step runs after it', async () => {
    const step = handlerWith(fakeStore({ 'Ship/ORD-1': { kind: 'delay', remaining: 1, delayMs: 30 } }));
    const started = Date.now();
    await expect(step.invoke('ORD-1')).resolves.toEqual({ shipped: 'ORD-1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('when another invocation took the last planned fault first, then this one runs', async () => {
    const store = fakeStore({ 'Ship/ORD-1': { kind: 'fail', remaining: 1 } });
    const racing: FaultStore = { read: store.read, take: async () => false };
    await expect(handlerWith(racing).invoke('ORD-1')).resolves.toEqual({ shipped: 'ORD-1' });
  });
});

describe('given the settings that install the middleware', () => {
  it('when the function was deployed without fault injection, then there are none (the middleware is not installed)', () => {
    expect(faultInjectionSettings({ TABLE_NAME: 'orders' })).toBeUndefined();
  });

  it('when the function was deployed with fault injection, then they name the table and the function', () => {
    expect(faultInjectionSettings({ FAULT_INJECTION_TABLE: 'orders', FAULT_INJECTION_TARGET: 'Ship' })).toEqual({ table: 'orders', target: 'Ship' });
  });
});
