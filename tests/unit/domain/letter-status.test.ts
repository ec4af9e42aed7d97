import { describe, expect, it } from 'vitest';
import { decideLetterStatus, needsAnotherRoute, type LetterEvent } from '../../../shared/recalls/domain/letter-status.js';

const delivery = (at: string): LetterEvent => ({ kind: 'DELIVERY', at });
const bounce = (at: string, bounceType = 'Permanent'): LetterEvent => ({
  kind: 'BOUNCE',
  at,
  bounceType,
  detail: 'x@example.test smtp; 550 5.1.1 user unknown',
});
const complaint = (at: string): LetterEvent => ({ kind: 'COMPLAINT', at, detail: 'complaint: abuse' });
const T1 = '2026-11-25T10:00:01.000Z';
const T2 = '2026-11-25T10:00:02.000Z';

describe('given a sent recall letter', () => {
  it.each([
    [delivery(T1), 'DELIVERED'],
    [bounce(T1), 'BOUNCED'],
    [complaint(T1), 'COMPLAINED'],
  ] as const)('when the mail service reports %j, then it becomes %s', (event, status) => {
    expect(decideLetterStatus({ status: 'SENT' }, event)).toMatchObject({ apply: true, status });
  });

  it('when a bounce is reported, then its type and diagnostic are kept for the follow-up', () => {
    expect(decideLetterStatus({ status: 'SENT' }, bounce(T1, 'Permanent/General'))).toEqual({
      apply: true,
      status: 'BOUNCED',
      detail: 'Permanent/General bounce: x@example.test smtp; 550 5.1.1 user unknown',
    });
  });
});

describe('given a letter with a report recorded', () => {
  it('when the same report comes again, then nothing changes (duplicate delivery of the notification)', () => {
    expect(decideLetterStatus({ status: 'DELIVERED', eventAt: T1 }, delivery(T1))).toMatchObject({ apply: false });
  });

  it('when an older report arrives late, then the newer one stands (out of order)', () => {
    expect(decideLetterStatus({ status: 'BOUNCED', eventAt: T2 }, delivery(T1))).toMatchObject({ apply: false });
    expect(decideLetterStatus({ status: 'DELIVERED', eventAt: T2 }, bounce(T1))).toMatchObject({ apply: false });
  });

  it('when a newer report arrives, then it wins: a delivery later bounced by the recipient’s server is BOUNCED, a soft bounce later delivered is DELIVERED', () => {
    expect(decideLetterStatus({ status: 'DELIVERED', eventAt: T1 }, bounce(T2))).toMatchObject({ apply: true, status: 'BOUNCED' });
    expect(decideLetterStatus({ status: 'BOUNCED', eventAt: T1 }, delivery(T2))).toMatchObject({ apply: true, status: 'DELIVERED' });
  });

  it('when a complaint follows a delivery, even with an earlier timestamp, then it is recorded; after it nothing changes the letter', () => {
    expect(decideLetterStatus({ status: 'DELIVERED', eventAt: T2 }, complaint(T1))).toMatchObject({ apply: true, status: 'COMPLAINED' });
    expect(decideLetterStatus({ status: 'COMPLAINED', eventAt: T1 }, delivery(T2))).toMatchObject({ apply: false });
    expect(decideLetterStatus({ status: 'COMPLAINED', eventAt: T1 }, complaint(T2))).toMatchObject({ apply: false });
  });

  it('when the letter was never accepted (FAILED), then no report applies', () => {
    expect(decideLetterStatus({ status: 'FAILED' }, delivery(T1))).toMatchObject({ apply: false });
  });
});

describe('given the status of a letter', () => {
  it.each([
    ['FAILED', true],
    ['BOUNCED', true],
    ['COMPLAINED', true],
    ['SENT', false],
    ['DELIVERED', false],
    ['PENDING', false],
  ] as const)('when it is %s, then another contact route is needed: %s', (status, expected) => {
    expect(needsAnotherRoute(status)).toBe(expected);
  });
});
