import { describe, expect, it } from 'vitest';
import { decideClose, type ConsigneeStanding } from '../../../shared/recalls/domain/recall-closure.js';

const acknowledged = (customerId: string, letterStatus = 'DELIVERED'): ConsigneeStanding => ({ customerId, letterStatus, acknowledged: true });
const open = (customerId: string, letterStatus: string): ConsigneeStanding => ({ customerId, letterStatus, acknowledged: false });

describe('given a completed recall', () => {
  it('when every consignee acknowledged, then it may close without an override', () => {
    expect(decideClose('COMPLETED', [acknowledged('C1'), acknowledged('C2', 'BOUNCED')], false)).toEqual({ allowed: true, overridden: false, open: [] });
  });

  it('when nobody received the units (no consignees), then it may close', () => {
    expect(decideClose('COMPLETED', [], false)).toMatchObject({ allowed: true });
  });

  it('when a consignee has not acknowledged, then closing is refused, naming it and its letter status, whatever the letter status', () => {
    const decision = decideClose('COMPLETED', [acknowledged('C1'), open('C2', 'BOUNCED'), open('C3', 'DELIVERED')], false);
    expect(decision.allowed).toBe(false);
    expect(decision.open).toEqual(['C2 (letter bounced, not acknowledged)', 'C3 (letter delivered, not acknowledged)']);
    expect(decision.allowed === false && decision.reason).toContain('2 consignee(s) have not acknowledged');
  });

  it('when an override is given, then it may close and the open consignees are kept for the record', () => {
    expect(decideClose('COMPLETED', [open('C2', 'SENT')], true)).toEqual({ allowed: true, overridden: true, open: ['C2 (letter sent, not acknowledged)'] });
  });
});

describe('given a recall that is not completed', () => {
  it.each(['OPEN', 'CONTAINED', 'NOTIFIED'] as const)('when it is %s, then closing is refused even with an override', (status) => {
    expect(decideClose(status, [], true)).toMatchObject({ allowed: false, reason: expect.stringContaining('still') });
  });

  it('when it is already closed, then closing again is refused', () => {
    expect(decideClose('CLOSED', [], true)).toMatchObject({ allowed: false, reason: 'the recall is already closed' });
  });

  it('when it failed, then it closes only with an override', () => {
    expect(decideClose('FAILED', [], false)).toMatchObject({ allowed: false, reason: expect.stringContaining('override') });
    expect(decideClose('FAILED', [], true)).toMatchObject({ allowed: true, overridden: true });
  });
});
