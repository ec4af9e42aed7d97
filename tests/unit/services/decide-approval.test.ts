import { beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalRecord, ClosedApprovalStatus, SignatureRecord } from '../../../shared/approvals/data/approval-repository.js';
import type { OrderEventRecord, OrderRecord, StageEvent } from '../../../shared/orders/data/order-repository.js';
import { decide, type DecideDeps, type SigningSettings } from '../../../shared/approvals/services/decide-approval.js';
import { DEFAULT_APPROVAL_POLICY } from '../../../shared/approvals/schemas/approval-policy.js';
import type { ApprovalDecisionForm } from '../../../shared/approvals/schemas/approval.js';
import { orderContentHash } from '../../../shared/orders/domain/order-fingerprint.js';
import { fakeDirectory, fakeMail, fakeWorkflow } from '../../support/fake-ports.js';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const ORDER_ID = 'ORD-01JD0000000000000000000001';
const settings: SigningSettings = {
  userPoolId: 'pool',
  clientId: 'client',
  senderEmail: 'orders@distributor.test',
  alertEmail: 'security@distributor.test',
  policy: DEFAULT_APPROVAL_POLICY,
};

const order = {
  orderId: ORDER_ID,
  version: 7,
  status: 'AWAITING_APPROVAL',
  channel: 'portal',
  submittedBy: 'user:rep',
  customerId: 'CUST-1',
  customerPo: 'PO-77',
  shipTo: { name: 'Ward 4', line1: 'Hospital Road 1', city: 'Utrecht', postalCode: '3584 CX', country: 'NL' },
  lines: [{ lineNo: 1, gtin: '09501101530003', quantity: 10, unitPrice: '70.00', lineTotal: '700.00' }],
  currency: 'EUR',
  total: '700.00',
} as OrderRecord;

const pending = (approvalId: string, reason: string, role: string): ApprovalRecord => ({
  approvalId,
  orderId: ORDER_ID,
  taskToken: `token-${approvalId}`,
  reason,
  role,
  level: 0,
  detail: 'discount of 30% on line 1',
  status: 'PENDING',
  failedAttempts: 0,
  expiresAt: '2026-11-26T10:00:00.000Z',
  expiresAtEpoch: 0,
  created: '2026-11-25T09:00:00.000Z',
  modified: '2026-11-25T09:00:00.000Z',
});

/**
 * The approval records as the repository keeps them: each closes once; an
 * attempt is reserved atomically while attempts are left, and failures count
 * only while pending; a decision writes approval, signature and event all or
 * nothing. The order's timeline and the orders merged into it can be set.
 */
function fakeApprovals(records: ApprovalRecord[]) {
  const byId = new Map(records.map((record) => [record.approvalId, { ...record }]));
  const signatures: SignatureRecord[] = [];
  const events: StageEvent[] = [];
  const timeline: OrderEventRecord[] = [];
  const otherOrders = new Map<string, OrderRecord>();
  let signatureWriteFailure: Error | undefined;
  const deps: Omit<DecideDeps, 'passwordSignIn' | 'resumeTask' | 'sendEmail'> = {
    async findApproval(approvalId) {
      const record = byId.get(approvalId);
      return record && { ...record };
    },
    async reserveSigningAttempt(approvalId, max) {
      const record = byId.get(approvalId);
      if (record?.status !== 'PENDING' || (record.signingAttempts ?? 0) >= max) return false;
      record.signingAttempts = (record.signingAttempts ?? 0) + 1;
      return true;
    },
    async returnSigningAttempt(approvalId) {
      const record = byId.get(approvalId);
      if (record?.status === 'PENDING' && (record.signingAttempts ?? 0) > 0) record.signingAttempts = (record.signingAttempts ?? 0) - 1;
    },
    async recordFailedAttempt(approvalId) {
      const record = byId.get(approvalId);
      if (record?.status !== 'PENDING') return undefined;
      record.failedAttempts += 1;
      return record.failedAttempts;
    },
    async closeApproval(approvalId, status: ClosedApprovalStatus, decision = {}) {
      const record = byId.get(approvalId);
      if (record?.status !== 'PENDING') return false;
      Object.assign(record, { status, ...decision });
      return true;
    },
    async recordDecision({ decision, signature, event }) {
      if (signatureWriteFailure) {
        const failure = signatureWriteFailure;
        signatureWriteFailure = undefined;
        throw failure;
      }
      const record = byId.get(signature.approvalId);
      if (record?.status !== 'PENDING') return false;
      Object.assign(record, { status: 'DECIDED', ...decision });
      signatures.push(signature as SignatureRecord);
      events.push(event);
      return true;
    },
    async pendingApprovals(role, orderId) {
      return [...byId.values()].filter((record) => record.status === 'PENDING' && record.role === role && (!orderId || record.orderId === orderId));
    },
    async getOrder() {
      return order;
    },
    async findOrder(orderId) {
      return otherOrders.get(orderId);
    },
    async getTimeline() {
      return timeline;
    },
    async appendEvent(_orderId, _status, event) {
      events.push(event);
      return true;
    },
  };
  return {
    byId,
    signatures,
    events,
    timeline,
    otherOrders,
    deps,
    /** The next decision write fails as a throttled or interrupted write does: nothing of it is stored. */
    failNextSignatureWrite(error: Error) {
      signatureWriteFailure = error;
    },
  };
}

const form = (overrides: Partial<ApprovalDecisionForm> = {}): ApprovalDecisionForm => ({
  meaning: 'APPROVED',
  username: 'mia',
  password: 'right password',
  orderContentHash: orderContentHash(order),
  ...overrides,
});

describe('given a pending discount approval of an order that also waits for finance', () => {
  let approvals: ReturnType<typeof fakeApprovals>;
  let workflow: ReturnType<typeof fakeWorkflow>;
  let mail: ReturnType<typeof fakeMail>;
  let deps: DecideDeps;
  let signIns: string[];

  beforeEach(() => {
    approvals = fakeApprovals([pending('A-DISCOUNT', 'DISCOUNT_OVER_THRESHOLD', 'sales-manager'), pending('A-VALUE', 'ORDER_VALUE_OVER_THRESHOLD', 'finance')]);
    workflow = fakeWorkflow(['token-A-DISCOUNT', 'token-A-VALUE']);
    mail = fakeMail();
    const directory = fakeDirectory({
      mia: { password: 'right password', name: 'Mia Manager', groups: ['sales-manager'] },
      rep: { password: 'rep password', name: 'Sales Rep', groups: ['sales-manager'] },
      fin: { password: 'fin password', name: 'Finn Finance', groups: ['finance'] },
      sam: { password: 'sam password', name: 'Sam Second', groups: ['sales-manager'] },
      otto: { password: 'otto password', name: 'Otto Otp', groups: ['sales-manager'], challenge: 'SOFTWARE_TOKEN_MFA' },
      nina: { password: 'temporary password', name: 'Nina New', groups: ['sales-manager'], challenge: 'NEW_PASSWORD_REQUIRED' },
    });
    signIns = directory.signIns;
    deps = { ...approvals.deps, passwordSignIn: directory.passwordSignIn, resumeTask: workflow.resumeTask, sendEmail: mail.sendEmail };
  });

  it('when the sales manager approves with the right password, then the signature is stored bound to the order content and the workflow resumes APPROVED', async () => {
    const outcome = await decide('A-DISCOUNT', form(), settings, NOW, deps);

    expect(outcome).toEqual({
      result: 'DECIDED',
      decision: {
        approvalId: 'A-DISCOUNT',
        orderId: ORDER_ID,
        reason: 'DISCOUNT_OVER_THRESHOLD',
        meaning: 'APPROVED',
        meaningText: 'Approved: I have reviewed this order and approve it',
        signedBy: 'Mia Manager',
        signedAt: NOW.toISOString(),
        orderContentHash: orderContentHash(order),
      },
    });
    expect(approvals.signatures).toEqual([
      expect.objectContaining({
        approvalId: 'A-DISCOUNT',
        signerUsername: 'mia',
        signerName: 'Mia Manager',
        orderVersion: 7,
        orderContentHash: orderContentHash(order),
      }),
    ]);
    expect(approvals.byId.get('A-DISCOUNT')).toMatchObject({ status: 'DECIDED', decidedBy: 'mia', decidedAt: NOW.toISOString(), meaning: 'APPROVED' });
    expect(approvals.events.map((event) => event.type)).toEqual(['APPROVAL_SIGNED']);
    expect(workflow.resumed).toEqual([
      { taskToken: 'token-A-DISCOUNT', output: { decision: 'APPROVED', approvalId: 'A-DISCOUNT', reason: 'DISCOUNT_OVER_THRESHOLD' } },
    ]);
    // The finance approval is not touched by a grant: the workflow waits for it too.
    expect(approvals.byId.get('A-VALUE')?.status).toBe('PENDING');
  });

  it('when the sales manager rejects, then the workflow resumes REJECTED and the finance approval is superseded and its task ended', async () => {
    const outcome = await decide('A-DISCOUNT', form({ meaning: 'REJECTED', comment: 'margin too low' }), settings, NOW, deps);

    expect(outcome).toMatchObject({ result: 'DECIDED', decision: { meaning: 'REJECTED' } });
    expect(approvals.byId.get('A-VALUE')?.status).toBe('SUPERSEDED');
    expect(workflow.resumed.map(({ taskToken, output }) => [taskToken, output.decision])).toEqual([
      ['token-A-DISCOUNT', 'REJECTED'],
      ['token-A-VALUE', 'SUPERSEDED'],
    ]);
  });

  it('when the password is wrong, then nothing is signed or resumed and the approver is told how many attempts are left', async () => {
    expect(await decide('A-DISCOUNT', form({ password: 'guess 1' }), settings, NOW, deps)).toEqual({ result: 'BAD_CREDENTIALS', attemptsLeft: 2 });
    expect(await decide('A-DISCOUNT', form({ password: 'guess 2' }), settings, NOW, deps)).toEqual({ result: 'BAD_CREDENTIALS', attemptsLeft: 1 });

    expect(approvals.signatures).toEqual([]);
    expect(workflow.resumed).toEqual([]);
    expect(approvals.byId.get('A-DISCOUNT')?.status).toBe('PENDING');
  });

  it('when the password is wrong a third time, then the approval locks, security is emailed once, and even the right password is refused afterwards', async () => {
    await decide('A-DISCOUNT', form({ password: 'guess 1' }), settings, NOW, deps);
    await decide('A-DISCOUNT', form({ password: 'guess 2' }), settings, NOW, deps);
    expect(await decide('A-DISCOUNT', form({ username: 'someone', password: 'guess 3' }), settings, NOW, deps)).toEqual({ result: 'LOCKED' });

    expect(approvals.byId.get('A-DISCOUNT')?.status).toBe('LOCKED');
    expect(approvals.events).toEqual([
      expect.objectContaining({ type: 'APPROVAL_LOCKED', detail: { approvalId: 'A-DISCOUNT', role: 'sales-manager', attemptedUser: 'someone', attempts: 3 } }),
    ]);
    expect(mail.outbox).toEqual([
      expect.objectContaining({
        from: 'orders@distributor.test',
        to: ['security@distributor.test'],
        subject: `ALERT: approval for order ${ORDER_ID} locked after 3 failed signatures`,
        text: expect.stringContaining('last user name tried: someone'),
      }),
    ]);

    expect(await decide('A-DISCOUNT', form(), settings, NOW, deps)).toEqual({ result: 'LOCKED' });
    expect(approvals.signatures).toEqual([]);
    expect(workflow.resumed).toEqual([]);
    expect(mail.outbox).toHaveLength(1);
  });

  it('when the approval task timed out just before the signature, then the signature stands and the decision is reported, not an error', async () => {
    workflow = fakeWorkflow([]);
    deps = { ...deps, resumeTask: workflow.resumeTask };

    const outcome = await decide('A-DISCOUNT', form(), settings, NOW, deps);

    expect(outcome).toMatchObject({ result: 'DECIDED', decision: { signedBy: 'Mia Manager' } });
    expect(approvals.signatures).toHaveLength(1);
    expect(approvals.byId.get('A-DISCOUNT')?.status).toBe('DECIDED');
  });

  it('when Step Functions fails for another reason, then the error reaches the caller after the signature is stored', async () => {
    workflow.failWith(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    await expect(decide('A-DISCOUNT', form(), settings, NOW, deps)).rejects.toThrow('Rate exceeded');
    expect(approvals.signatures).toHaveLength(1);
  });

  it('when the order submitter signs their own order, then it is refused as self-approval and nothing is written', async () => {
    expect(await decide('A-DISCOUNT', form({ username: 'rep', password: 'rep password' }), settings, NOW, deps)).toEqual({ result: 'SELF_APPROVAL' });
    expect(approvals.byId.get('A-DISCOUNT')?.status).toBe('PENDING');
  });

  it('when someone types the submitter’s user name, then it is refused as self-approval before the directory is asked, whatever the password', async () => {
    for (const password of ['wrong guess', 'rep password', 'another guess', 'a fourth guess']) {
      expect(await decide('A-DISCOUNT', form({ username: 'rep', password }), settings, NOW, deps)).toEqual({ result: 'SELF_APPROVAL' });
    }
    expect(signIns).toEqual([]);
    expect(approvals.byId.get('A-DISCOUNT')).toMatchObject({ status: 'PENDING', failedAttempts: 0 });
    expect(approvals.byId.get('A-DISCOUNT')?.signingAttempts ?? 0).toBe(0);
  });

  it('when the submitter signs in by another alias with the right password, then it is refused as self-approval and the attempt stays taken', async () => {
    const byEmail = deps.passwordSignIn;
    deps = {
      ...deps,
      passwordSignIn: async (pool, client, username, password) => byEmail(pool, client, username === 'rep@example.com' ? 'rep' : username, password),
    };

    expect(await decide('A-DISCOUNT', form({ username: 'rep@example.com', password: 'rep password' }), settings, NOW, deps)).toEqual({
      result: 'SELF_APPROVAL',
    });
    expect(approvals.byId.get('A-DISCOUNT')).toMatchObject({ status: 'PENDING', signingAttempts: 1 });
  });

  it('when someone without the role signs with their right password, then it answers exactly as a wrong password does and counts as a failed attempt', async () => {
    expect(await decide('A-DISCOUNT', form({ username: 'fin', password: 'fin password' }), settings, NOW, deps)).toEqual({
      result: 'BAD_CREDENTIALS',
      attemptsLeft: 2,
    });
    expect(await decide('A-DISCOUNT', form({ username: 'fin', password: 'wrong' }), settings, NOW, deps)).toEqual({
      result: 'BAD_CREDENTIALS',
      attemptsLeft: 1,
    });
    expect(approvals.byId.get('A-DISCOUNT')).toMatchObject({ status: 'PENDING', failedAttempts: 2 });
    expect(approvals.signatures).toEqual([]);
  });

  it('when the order changed after the page was opened, then the signature over the old content is refused', async () => {
    expect(await decide('A-DISCOUNT', form({ orderContentHash: '0'.repeat(64) }), settings, NOW, deps)).toEqual({ result: 'ORDER_CHANGED' });
    expect(approvals.signatures).toEqual([]);
  });

  it('when it was already decided, then another approver’s signature is refused naming who decided, and no password is checked', async () => {
    await decide('A-DISCOUNT', form(), settings, NOW, deps);
    expect(await decide('A-DISCOUNT', form({ username: 'sam', password: 'sam password' }), settings, NOW, deps)).toEqual({
      result: 'ALREADY_DECIDED',
      decidedBy: 'mia',
      decidedAt: NOW.toISOString(),
    });
    expect(approvals.signatures).toHaveLength(1);
    expect(workflow.resumed).toHaveLength(1);
    expect(signIns).toEqual(['mia']);
  });

  it('when it was already decided and a wrong password is posted under the signer’s own user name and meaning, then it is not answered as signed', async () => {
    await decide('A-DISCOUNT', form(), settings, NOW, deps);

    const outcome = await decide('A-DISCOUNT', form({ password: 'a wrong guess' }), settings, NOW, deps);

    expect(outcome).toEqual({ result: 'ALREADY_DECIDED', decidedBy: 'mia', decidedAt: NOW.toISOString() });
    expect(signIns).toEqual(['mia']);
  });

  it('when ten wrong passwords and then the right one are posted at the same moment, then at most three reach the directory, nothing is signed, and the approval locks with one alert', async () => {
    const slowDirectory = deps.passwordSignIn;
    deps = {
      ...deps,
      async passwordSignIn(...args) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return slowDirectory(...args);
      },
    };
    const guesses = Array.from({ length: 10 }, (_, index) => form({ password: `guess ${index}` }));

    const outcomes = await Promise.all([...guesses, form()].map((attempt) => decide('A-DISCOUNT', attempt, settings, NOW, deps)));

    expect(signIns.length).toBeLessThanOrEqual(3);
    expect(outcomes.at(-1)?.result).not.toBe('DECIDED');
    expect(approvals.signatures).toEqual([]);
    expect(workflow.resumed).toEqual([]);
    expect(approvals.byId.get('A-DISCOUNT')?.status).toBe('LOCKED');
    expect(mail.outbox).toHaveLength(1);
    // After the lock no answer may promise attempts that are not there.
    expect(outcomes.filter((outcome) => outcome.result === 'BAD_CREDENTIALS')).toEqual([
      { result: 'BAD_CREDENTIALS', attemptsLeft: 2 },
      { result: 'BAD_CREDENTIALS', attemptsLeft: 1 },
    ]);
    expect(outcomes.filter((outcome) => outcome.result === 'LOCKED' || outcome.result === 'NO_ATTEMPTS_LEFT')).toHaveLength(9);
  });

  it('when storing the signature fails, then nothing is decided and the signer’s retry signs and resumes the workflow once', async () => {
    approvals.failNextSignatureWrite(Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' }));

    await expect(decide('A-DISCOUNT', form(), settings, NOW, deps)).rejects.toThrow('Throughput exceeds');
    expect(approvals.byId.get('A-DISCOUNT')?.status).toBe('PENDING');

    expect(await decide('A-DISCOUNT', form(), settings, NOW, deps)).toMatchObject({ result: 'DECIDED', decision: { signedBy: 'Mia Manager' } });
    expect(approvals.signatures).toHaveLength(1);
    expect(approvals.events.map((event) => event.type)).toEqual(['APPROVAL_SIGNED']);
    expect(workflow.resumed.map(({ taskToken }) => taskToken)).toEqual(['token-A-DISCOUNT']);
    // The failed write was no failed signature: no attempt is used up by it.
    expect(approvals.byId.get('A-DISCOUNT')?.failedAttempts).toBe(0);
  });

  it('when resuming the workflow fails after the signature is stored, then the same signer’s retry resumes it and hears that they decided it', async () => {
    workflow.failWith(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(decide('A-DISCOUNT', form(), settings, NOW, deps)).rejects.toThrow('Rate exceeded');
    workflow.failWith(undefined);

    const retry = await decide('A-DISCOUNT', form(), settings, new Date(NOW.getTime() + 60_000), deps);

    expect(retry).toEqual({ result: 'ALREADY_DECIDED', decidedBy: 'mia', decidedAt: NOW.toISOString() });
    expect(workflow.resumed).toEqual([
      { taskToken: 'token-A-DISCOUNT', output: { decision: 'APPROVED', approvalId: 'A-DISCOUNT', reason: 'DISCOUNT_OVER_THRESHOLD' } },
    ]);
    expect(approvals.signatures).toHaveLength(1);
  });

  it('when resuming a rejection failed, then the retry resumes it REJECTED and still closes the other open approval', async () => {
    workflow.failWith(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(decide('A-DISCOUNT', form({ meaning: 'REJECTED', comment: 'margin too low' }), settings, NOW, deps)).rejects.toThrow('Rate exceeded');
    workflow.failWith(undefined);

    expect(await decide('A-DISCOUNT', form({ meaning: 'REJECTED', comment: 'margin too low' }), settings, NOW, deps)).toMatchObject({
      result: 'ALREADY_DECIDED',
    });

    expect(workflow.resumed.map(({ taskToken, output }) => [taskToken, output.decision])).toEqual([
      ['token-A-DISCOUNT', 'REJECTED'],
      ['token-A-VALUE', 'SUPERSEDED'],
    ]);
    expect(approvals.byId.get('A-VALUE')?.status).toBe('SUPERSEDED');
  });

  it('when the approver merged a held order into this order, then they cannot approve it, and the refusal uses up no attempt', async () => {
    approvals.timeline.push({
      orderId: ORDER_ID,
      eventId: '50-MERGED_FROM#ORD-HELD',
      type: 'MERGED_FROM',
      at: '2026-11-25T09:30:00.000Z',
      actor: 'user:mia',
      status: 'AWAITING_APPROVAL',
    });

    expect(await decide('A-DISCOUNT', form(), settings, NOW, deps)).toEqual({ result: 'SELF_APPROVAL' });
    expect(approvals.byId.get('A-DISCOUNT')).toMatchObject({ status: 'PENDING', failedAttempts: 0 });
    expect(approvals.byId.get('A-DISCOUNT')?.signingAttempts ?? 0).toBe(0);
    expect(signIns).toEqual([]);
    expect(approvals.signatures).toEqual([]);
  });

  it('when a held order the approver placed was merged into this order by someone else, then they cannot approve it', async () => {
    approvals.otherOrders.set('ORD-HELD', { ...order, orderId: 'ORD-HELD', status: 'MERGED', submittedBy: 'user:mia' });
    deps = { ...deps, getOrder: async () => ({ ...order, mergedFrom: ['ORD-HELD'] }) };
    approvals.timeline.push({
      orderId: ORDER_ID,
      eventId: '50-MERGED_FROM#ORD-HELD',
      type: 'MERGED_FROM',
      at: '2026-11-25T09:30:00.000Z',
      actor: 'user:desk',
      status: 'AWAITING_APPROVAL',
    });

    expect(await decide('A-DISCOUNT', form(), settings, NOW, deps)).toEqual({ result: 'SELF_APPROVAL' });
  });

  it('when the approver has only signed another approval of this order, then they may sign this one too', async () => {
    approvals.timeline.push({
      orderId: ORDER_ID,
      eventId: '04-SIGNED#A-OTHER',
      type: 'APPROVAL_SIGNED',
      at: '2026-11-25T09:30:00.000Z',
      actor: 'user:mia',
      status: 'AWAITING_APPROVAL',
    });

    expect(await decide('A-DISCOUNT', form(), settings, NOW, deps)).toMatchObject({ result: 'DECIDED' });
  });

  it('when the approver’s account asks for a second factor, then signing is refused as needing a sign-in the link does not support, without using up attempts or alerting', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      expect(await decide('A-DISCOUNT', form({ username: 'otto', password: 'otto password' }), settings, NOW, deps)).toEqual({
        result: 'SIGN_IN_CHALLENGE',
        challenge: 'MULTI_FACTOR',
      });
    }
    expect(approvals.byId.get('A-DISCOUNT')).toMatchObject({ status: 'PENDING', failedAttempts: 0, signingAttempts: 0 });
    expect(mail.outbox).toEqual([]);
    expect(approvals.events).toEqual([]);
  });

  it('when the approver’s account must set a new password first, then signing is refused saying so, without using up an attempt', async () => {
    expect(await decide('A-DISCOUNT', form({ username: 'nina', password: 'temporary password' }), settings, NOW, deps)).toEqual({
      result: 'SIGN_IN_CHALLENGE',
      challenge: 'NEW_PASSWORD',
    });
    expect(approvals.byId.get('A-DISCOUNT')).toMatchObject({ status: 'PENDING', failedAttempts: 0 });
  });
});
