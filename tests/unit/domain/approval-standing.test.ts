import { describe, expect, it } from 'vitest';
import type { RequiredApproval } from '../../../shared/approvals/domain/approval-policy.js';
import { approvalStanding, type SignatureFacts } from '../../../shared/approvals/domain/approval-standing.js';

const value: RequiredApproval = { reason: 'ORDER_VALUE_OVER_THRESHOLD', role: 'finance', detail: 'total 10320.00 is above 10000.00' };
const regulatory: RequiredApproval = { reason: 'REGULATORY_REVIEW', role: 'regulatory', detail: 'line 1: class III device' };
const credit: RequiredApproval = { reason: 'CREDIT_HOLD', role: 'credit-controller', detail: 'customer is blocked' };
const sig = (reason: string, hash: string, meaning: SignatureFacts['meaning'] = 'APPROVED'): SignatureFacts => ({
  reason,
  meaning,
  orderContentHash: hash,
  signerName: 'Fin Ance',
  comment: 'ok',
});

const standing = (input: Partial<Parameters<typeof approvalStanding>[0]>) =>
  approvalStanding({ recorded: [value], needed: [value], signatures: [], contentHash: 'H2', reRequested: [], ...input });

describe('given an order whose approvals have answered', () => {
  it('when every approval is signed over the current content, then it is granted', () => {
    expect(standing({ signatures: [sig(value.reason, 'H2')] })).toEqual({ outcome: 'GRANTED' });
  });

  it('when anyone rejected, whatever content they saw, then the order is rejected', () => {
    expect(standing({ signatures: [sig(value.reason, 'H1', 'REJECTED')] })).toMatchObject({ outcome: 'REJECTED', by: { meaning: 'REJECTED' } });
  });

  it('when a required approval was never signed, then it expired', () => {
    expect(standing({ recorded: [value, regulatory], needed: [value, regulatory], signatures: [sig(value.reason, 'H2')] })).toEqual({
      outcome: 'EXPIRED',
      reasons: ['REGULATORY_REVIEW'],
    });
  });

  it('when an approval was signed over content that has changed since (a merge), then it is asked again', () => {
    expect(standing({ signatures: [sig(value.reason, 'H1')] })).toEqual({ outcome: 'REQUEST', approvals: [value], stale: ['ORDER_VALUE_OVER_THRESHOLD'] });
  });

  it('when it was already asked again for this content and still not signed over it, then it expired (no loop)', () => {
    expect(standing({ signatures: [sig(value.reason, 'H1')], reRequested: ['ORDER_VALUE_OVER_THRESHOLD'] })).toEqual({
      outcome: 'EXPIRED',
      reasons: ['ORDER_VALUE_OVER_THRESHOLD'],
    });
  });

  it('when the current content needs an approval nobody was asked for (a credit hold on the re-check), then only that one is asked', () => {
    expect(standing({ needed: [value, credit], signatures: [sig(value.reason, 'H2')] })).toEqual({ outcome: 'REQUEST', approvals: [credit], stale: [] });
  });

  it('when a merge both invalidated a signature and raised a new need, then both are asked with the current wording', () => {
    const reworded = { ...value, detail: 'total 20640.00 is above 10000.00' };
    expect(standing({ needed: [reworded, regulatory], signatures: [sig(value.reason, 'H1')] })).toEqual({
      outcome: 'REQUEST',
      approvals: [reworded, regulatory],
      stale: ['ORDER_VALUE_OVER_THRESHOLD'],
    });
  });

  it('when a recorded approval is no longer needed by the policy, then it must still have been granted', () => {
    expect(standing({ needed: [], signatures: [sig(value.reason, 'H2')] })).toEqual({ outcome: 'GRANTED' });
    expect(standing({ needed: [], signatures: [] })).toEqual({ outcome: 'EXPIRED', reasons: ['ORDER_VALUE_OVER_THRESHOLD'] });
  });

  it('when a credit hold was released over the current content, then it is granted', () => {
    expect(standing({ recorded: [credit], needed: [credit], signatures: [sig(credit.reason, 'H2', 'RELEASED_FROM_CREDIT_HOLD')] })).toEqual({
      outcome: 'GRANTED',
    });
  });
});
