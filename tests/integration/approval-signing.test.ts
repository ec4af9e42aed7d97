import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { uniqueId } from '../support/fixtures.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';

describe('given the approval repository’s signing writes against the emulated table', () => {
  deployedStack();
  let approvals: typeof import('../../shared/approvals/data/approval-repository.js');
  let orders: typeof import('../../shared/orders/data/order-repository.js');

  beforeAll(async () => {
    approvals = await import('../../shared/approvals/data/approval-repository.js');
    orders = await import('../../shared/orders/data/order-repository.js');
  });

  async function givenPendingApproval() {
    const approvalId = uniqueId('APPROVAL');
    const orderId = newOrderId();
    await approvals.putApproval({
      approvalId,
      orderId,
      taskToken: `token-${approvalId}`,
      reason: 'ORDER_VALUE_OVER_THRESHOLD',
      role: 'finance',
      level: 0,
      detail: 'total over 10000.00',
      expiresAt: '2099-01-01T00:00:00.000Z',
      expiresAtEpoch: 4_070_908_800,
    });
    return { approvalId, orderId };
  }

  const decisionOf = (approvalId: string, orderId: string, signerUsername: string) => ({
    decision: { decidedBy: signerUsername, decidedAt: '2026-12-03T10:00:00.000Z', meaning: 'APPROVED' },
    signature: {
      orderId,
      approvalId,
      reason: 'ORDER_VALUE_OVER_THRESHOLD',
      signerUsername,
      signerName: `Name of ${signerUsername}`,
      signedAt: '2026-12-03T10:00:00.000Z',
      meaning: 'APPROVED',
      meaningText: 'Approved',
      orderVersion: 3,
      orderContentHash: 'a'.repeat(64),
    },
    event: { eventId: `04-SIGNED#${approvalId}`, type: 'APPROVAL_SIGNED' as const, actor: `user:${signerUsername}`, status: 'AWAITING_APPROVAL' as const },
  });

  it('when ten signature attempts are taken at the same moment, then exactly three get one, and an attempt given back can be taken again', async () => {
    const { approvalId } = await givenPendingApproval();

    const taken = await Promise.all(Array.from({ length: 10 }, () => approvals.reserveSigningAttempt(approvalId, 3)));

    expect(taken.filter(Boolean)).toHaveLength(3);
    expect((await approvals.findApproval(approvalId))?.signingAttempts).toBe(3);
    await approvals.returnSigningAttempt(approvalId);
    expect(await approvals.reserveSigningAttempt(approvalId, 3)).toBe(true);
    expect(await approvals.reserveSigningAttempt(approvalId, 3)).toBe(false);
  });

  it('when the approval locks, then no attempt can be taken and a failure is no longer counted', async () => {
    const { approvalId } = await givenPendingApproval();
    expect(await approvals.recordFailedAttempt(approvalId)).toBe(1);
    expect(await approvals.closeApproval(approvalId, 'LOCKED')).toBe(true);

    expect(await approvals.reserveSigningAttempt(approvalId, 3)).toBe(false);
    expect(await approvals.recordFailedAttempt(approvalId)).toBeUndefined();
    expect((await approvals.findApproval(approvalId))?.failedAttempts).toBe(1);
  });

  it('when two signers decide at the same moment, then one decision, one signature and one event are stored, all of the winner', async () => {
    const { approvalId, orderId } = await givenPendingApproval();

    const results = await Promise.allSettled([
      approvals.recordDecision(decisionOf(approvalId, orderId, 'first')),
      approvals.recordDecision(decisionOf(approvalId, orderId, 'second')),
    ]);

    const stored = await approvals.findApproval(approvalId);
    const signatures = await approvals.signaturesOf(orderId);
    const events = (await orders.getTimeline(orderId)).filter((event) => event.type === 'APPROVAL_SIGNED');
    expect(results.filter((result) => result.status === 'fulfilled' && result.value === true)).toHaveLength(1);
    expect(stored).toMatchObject({ status: 'DECIDED', meaning: 'APPROVED' });
    expect(signatures.map((signature) => signature.signerUsername)).toEqual([stored?.decidedBy]);
    expect(events.map((event) => event.actor)).toEqual([`user:${stored?.decidedBy}`]);
    expect(await approvals.findSignature(orderId, approvalId)).toMatchObject({ signerUsername: stored?.decidedBy });
  });

  it('when the approval is no longer pending, then a decision writes nothing at all', async () => {
    const { approvalId, orderId } = await givenPendingApproval();
    await approvals.closeApproval(approvalId, 'ESCALATED');

    expect(await approvals.recordDecision(decisionOf(approvalId, orderId, 'late'))).toBe(false);

    expect(await approvals.signaturesOf(orderId)).toEqual([]);
    expect(await orders.getTimeline(orderId)).toEqual([]);
    expect((await approvals.findApproval(approvalId))?.status).toBe('ESCALATED');
  });
});
