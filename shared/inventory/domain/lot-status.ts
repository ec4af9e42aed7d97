import { isExpiredOn, type CalendarDate } from '../../platform/domain/calendar-date.js';
import type { LotAction, LotStatus } from '../schemas/inventory.js';

/**
 * The quality life of a lot. Goods arrive QUARANTINED; receiving inspection
 * releases or rejects them; a released lot can be put ON_HOLD (complaint,
 * field safety notice, recall) and released again. REJECTED is final. Only
 * RELEASED stock can be allocated (see fefo.ts and the conditional reservation).
 */
export type TransitionDecision = { allowed: true; from: LotStatus; to: LotStatus } | { allowed: false; reason: string };

const TRANSITIONS: Record<LotAction, { from: readonly LotStatus[]; to: LotStatus }> = {
  INSPECTION_PASSED: { from: ['QUARANTINED'], to: 'RELEASED' },
  INSPECTION_FAILED: { from: ['QUARANTINED'], to: 'REJECTED' },
  HOLD: { from: ['RELEASED'], to: 'ON_HOLD' },
  RELEASE_HOLD: { from: ['ON_HOLD'], to: 'RELEASED' },
};

const WHY_NOT: Record<LotAction, Partial<Record<LotStatus, string>>> = {
  INSPECTION_PASSED: {
    RELEASED: 'the lot has already passed inspection',
    REJECTED: 'the lot failed inspection and is rejected for good',
    ON_HOLD: 'the lot is on hold; release the hold instead of inspecting again',
  },
  INSPECTION_FAILED: {
    RELEASED: 'the lot has already passed inspection; put it on hold instead',
    REJECTED: 'the lot has already been rejected',
    ON_HOLD: 'the lot is on hold, not awaiting inspection',
  },
  HOLD: {
    QUARANTINED: 'the lot is still quarantined and cannot be allocated anyway; fail its inspection to reject it',
    ON_HOLD: 'the lot is already on hold',
    REJECTED: 'the lot is rejected and cannot be allocated anyway',
  },
  RELEASE_HOLD: {
    QUARANTINED: 'the lot is not on hold; it awaits receiving inspection',
    RELEASED: 'the lot is not on hold',
    REJECTED: 'the lot is rejected for good',
  },
};

/**
 * Whether a quality action may change a lot's status. Stock that is already
 * expired on the day is never released: it could not be allocated, and a
 * release record for it would be misleading.
 */
export function decideLotTransition(current: LotStatus, action: LotAction, lot: { expiry: CalendarDate; today: CalendarDate }): TransitionDecision {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current)) {
    return { allowed: false, reason: `cannot ${describeAction(action)} a ${current} lot: ${WHY_NOT[action][current] ?? 'not allowed'}` };
  }
  if (rule.to === 'RELEASED' && isExpiredOn(lot.expiry, lot.today)) {
    return { allowed: false, reason: `cannot release a lot that expired on ${lot.expiry}` };
  }
  return { allowed: true, from: current, to: rule.to };
}

/**
 * Four eyes on release (21 CFR 820.80(d), ISO 13485 7.4.3): nobody who
 * received any of a lot's units may pass its receiving inspection, even a
 * user in both the warehouse and quality groups. Failing it, or holding a
 * released lot, stays open to them: stopping goods needs no second person.
 */
export function releaseSeparation(action: LotAction, actor: string, receivedBy: readonly string[]): { allowed: true } | { allowed: false; reason: string } {
  if (action !== 'INSPECTION_PASSED' || !receivedBy.includes(actor)) return { allowed: true };
  return { allowed: false, reason: 'whoever received goods of a lot may not release it: another member of quality must pass its inspection' };
}

export function describeAction(action: LotAction): string {
  switch (action) {
    case 'INSPECTION_PASSED':
      return 'pass the inspection of';
    case 'INSPECTION_FAILED':
      return 'fail the inspection of';
    case 'HOLD':
      return 'put on hold';
    case 'RELEASE_HOLD':
      return 'release the hold of';
  }
}

/**
 * A lot is addressed in URLs as `{gtin}-{lotNumber}`: the GTIN is always 14
 * digits, so the first hyphen after it separates the two unambiguously even
 * when the lot number has hyphens of its own.
 */
export function lotIdOf(gtin: string, lotNumber: string): string {
  return `${gtin}-${lotNumber}`;
}

export function parseLotId(lotId: string): { gtin: string; lotNumber: string } | undefined {
  const match = /^(\d{14})-(.{1,20})$/s.exec(lotId);
  return match ? { gtin: match[1]!, lotNumber: match[2]! } : undefined;
}
