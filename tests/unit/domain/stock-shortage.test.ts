import { describe, expect, it } from 'vitest';
import { decideOnShortage, describeDuration, REJECT_AT_ONCE } from '../../../shared/inventory/domain/stock-shortage.js';

const threeDays = { maxWaitSeconds: 3 * 86_400 };
const now = new Date('2026-11-25T10:00:00.000Z');

describe('given an order that comes up short of stock', () => {
  it('when the policy rejects at once, then the order gives up without waiting', () => {
    expect(decideOnShortage(REJECT_AT_ONCE, undefined, now)).toEqual({ action: 'GIVE_UP', waitedSeconds: 0 });
  });

  it('when it is short for the first time, then it waits from now until the end of the window', () => {
    expect(decideOnShortage(threeDays, undefined, now)).toEqual({
      action: 'WAIT',
      awaitingSince: '2026-11-25T10:00:00.000Z',
      giveUpAt: '2026-11-28T10:00:00.000Z',
    });
  });

  it('when it has waited less than the window, then it keeps its first shortage time and waits again', () => {
    expect(decideOnShortage(threeDays, '2026-11-23T10:00:01.000Z', now)).toEqual({
      action: 'WAIT',
      awaitingSince: '2026-11-23T10:00:01.000Z',
      giveUpAt: '2026-11-26T10:00:01.000Z',
    });
  });

  it('when the window ends exactly now, then it gives up and reports how long it waited', () => {
    expect(decideOnShortage(threeDays, '2026-11-22T10:00:00.000Z', now)).toEqual({ action: 'GIVE_UP', waitedSeconds: 3 * 86_400 });
  });

  it('when the clock reads earlier than the first shortage (skew between functions), then it waits and counts no negative time', () => {
    expect(decideOnShortage(threeDays, '2026-11-25T10:00:05.000Z', now)).toMatchObject({ action: 'WAIT' });
    expect(decideOnShortage(REJECT_AT_ONCE, '2026-11-25T10:00:05.000Z', now)).toEqual({ action: 'GIVE_UP', waitedSeconds: 0 });
  });

  it('when the recorded first shortage is not a timestamp, then it refuses to guess', () => {
    expect(() => decideOnShortage(threeDays, 'yesterday', now)).toThrow(/not a timestamp/);
  });
});

describe('given a waiting time to describe', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [3_661, '1 hour 1 minute'],
    [3 * 86_400, '3 days'],
    [2 * 86_400 + 3 * 3_600 + 59, '2 days 3 hours'],
  ])('when it is %i seconds, then it reads "%s"', (seconds, text) => {
    expect(describeDuration(seconds)).toBe(text);
  });
});
