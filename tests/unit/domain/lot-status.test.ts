import { describe, expect, it } from 'vitest';
import { decideLotTransition, lotIdOf, parseLotId, releaseSeparation } from '../../../shared/inventory/domain/lot-status.js';
import { LOT_ACTIONS, LOT_STATUSES, type LotAction, type LotStatus } from '../../../shared/inventory/schemas/inventory.js';
import { isAllowed } from '../../../shared/platform/staff-groups.js';

const fresh = { expiry: '2028-01-31', today: '2026-11-25' };

describe('given a lot and a quality action', () => {
  it.each<[LotStatus, LotAction, LotStatus]>([
    ['QUARANTINED', 'INSPECTION_PASSED', 'RELEASED'],
    ['QUARANTINED', 'INSPECTION_FAILED', 'REJECTED'],
    ['RELEASED', 'HOLD', 'ON_HOLD'],
    ['ON_HOLD', 'RELEASE_HOLD', 'RELEASED'],
  ])('when a %s lot gets %s, then it becomes %s', (from, action, to) => {
    expect(decideLotTransition(from, action, fresh)).toEqual({ allowed: true, from, to });
  });

  const all: readonly LotStatus[] = LOT_STATUSES;
  const allowed = new Set(['QUARANTINED INSPECTION_PASSED', 'QUARANTINED INSPECTION_FAILED', 'RELEASED HOLD', 'ON_HOLD RELEASE_HOLD']);
  const refused = all.flatMap((status) =>
    LOT_ACTIONS.filter((action) => !allowed.has(`${status} ${action}`)).map((action) => [status, action] as [LotStatus, LotAction]),
  );

  it.each(refused)('when a %s lot gets %s, then it is refused with a reason', (status, action) => {
    const decision = decideLotTransition(status, action, fresh);
    expect(decision.allowed).toBe(false);
    expect(!decision.allowed && decision.reason).toMatch(new RegExp(`a ${status} lot: .+`));
  });

  it('when a rejected lot is to be released from hold, then the reason says rejection is final', () => {
    const decision = decideLotTransition('REJECTED', 'RELEASE_HOLD', fresh);
    expect(!decision.allowed && decision.reason).toBe('cannot release the hold of a REJECTED lot: the lot is rejected for good');
  });

  it('when a quarantined lot that expired yesterday passes inspection, then release is refused', () => {
    expect(decideLotTransition('QUARANTINED', 'INSPECTION_PASSED', { expiry: '2026-11-24', today: '2026-11-25' })).toEqual({
      allowed: false,
      reason: 'cannot release a lot that expired on 2026-11-24',
    });
  });

  it('when a quarantined lot expires today and passes inspection, then it is released: the expiry date is the last usable day', () => {
    expect(decideLotTransition('QUARANTINED', 'INSPECTION_PASSED', { expiry: '2026-11-25', today: '2026-11-25' })).toMatchObject({ allowed: true });
  });

  it('when an expired lot on hold is to be released, then it is refused', () => {
    expect(decideLotTransition('ON_HOLD', 'RELEASE_HOLD', { expiry: '2026-01-31', today: '2026-11-25' }).allowed).toBe(false);
  });

  it('when an expired lot fails inspection or is put on hold, then that is allowed: it only makes the stock less usable', () => {
    const expired = { expiry: '2026-01-31', today: '2026-11-25' };
    expect(decideLotTransition('QUARANTINED', 'INSPECTION_FAILED', expired).allowed).toBe(true);
    expect(decideLotTransition('RELEASED', 'HOLD', expired).allowed).toBe(true);
  });
});

describe('given lot ids in URLs', () => {
  it('when a lot number has hyphens, then the id still splits at the hyphen after the 14-digit GTIN', () => {
    const id = lotIdOf('05012345678900', 'AB-12-C');
    expect(id).toBe('05012345678900-AB-12-C');
    expect(parseLotId(id)).toEqual({ gtin: '05012345678900', lotNumber: 'AB-12-C' });
  });

  it.each(['0501234567890-A', '05012345678900A', '05012345678900-', `05012345678900-${'X'.repeat(21)}`, ''])(
    'when %j is parsed, then it is not a lot id',
    (value) => {
      expect(parseLotId(value)).toBeUndefined();
    },
  );
});

describe('given the groups of a staff user', () => {
  it('when one of them is allowed, then the user is allowed', () => {
    expect(isAllowed(['order-desk', 'quality'], ['quality'])).toBe(true);
  });

  it('when none is, then the user is not', () => {
    expect(isAllowed(['warehouse'], ['quality'])).toBe(false);
    expect(isAllowed([], ['quality'])).toBe(false);
  });
});

describe('given a lot received by a user who is also in quality', () => {
  const receivers = ['user:wendy', 'user:quinn-and-warehouse'];

  it('when that user passes its inspection, then the release is refused: a second person must release it', () => {
    expect(releaseSeparation('INSPECTION_PASSED', 'user:quinn-and-warehouse', receivers)).toEqual({
      allowed: false,
      reason: expect.stringMatching(/received goods of a lot may not release it/),
    });
  });

  it('when someone who received none of it passes the inspection, then it is allowed', () => {
    expect(releaseSeparation('INSPECTION_PASSED', 'user:quentin', receivers)).toEqual({ allowed: true });
  });

  it.each(['INSPECTION_FAILED', 'HOLD', 'RELEASE_HOLD'] as const)(
    'when the receiver decides %s, then it is allowed: only the release needs four eyes',
    (action) => {
      expect(releaseSeparation(action, 'user:wendy', receivers)).toEqual({ allowed: true });
    },
  );
});
