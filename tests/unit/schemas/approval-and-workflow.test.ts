import { describe, expect, it } from 'vitest';
import { ApprovalDecisionForm, ApprovalIdParam } from '../../../shared/approvals/schemas/approval.js';
import { ApprovalTaskInput, CloseInput, StepInput } from '../../../shared/orders/schemas/workflow.js';

const form = {
  meaning: 'APPROVED',
  comment: 'price agreed with buyer',
  username: 'alice',
  password: 'correct horse battery',
  orderContentHash: 'a'.repeat(64),
};

describe('given an approval signature form', () => {
  it('when it is complete, then it is accepted', () => {
    expect(ApprovalDecisionForm.parse(form)).toEqual(form);
  });

  it('when the meaning is not one of the listed meanings, then it is rejected', () => {
    expect(ApprovalDecisionForm.safeParse({ ...form, meaning: 'approve' }).success).toBe(false);
    expect(ApprovalDecisionForm.safeParse({ ...form, meaning: 'REVIEWED' }).success).toBe(true);
  });

  it('when an approval is granted without a comment, then it is accepted (the comment is optional)', () => {
    const { comment: _comment, ...withoutComment } = form;
    expect(ApprovalDecisionForm.safeParse(withoutComment).success).toBe(true);
  });

  it.each(['REJECTED', 'RELEASED_FROM_CREDIT_HOLD'])('when %s is signed without a comment, then a reason is demanded', (meaning) => {
    const result = ApprovalDecisionForm.safeParse({ ...form, meaning, comment: '   ' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['comment'], message: 'a reason is required to reject or to release a credit hold' }),
    ]);
  });

  it('when the hash of the order version being signed is missing, then the page must be reloaded', () => {
    const result = ApprovalDecisionForm.safeParse({ ...form, orderContentHash: '' });
    expect(result.error?.issues[0]?.message).toBe('the order version being signed is missing; reload the page');
  });

  it('when an extra field is posted, then it is rejected', () => {
    expect(ApprovalDecisionForm.safeParse({ ...form, approver: 'bob' }).success).toBe(false);
  });

  it.each(['username', 'password'])('when the %s signature component is empty, then it is rejected', (field) => {
    expect(ApprovalDecisionForm.safeParse({ ...form, [field]: '' }).success).toBe(false);
  });
});

describe('given an approval id taken from a link', () => {
  it('when it is 27 URL-safe characters, then it is accepted', () => {
    expect(ApprovalIdParam.safeParse('abcdefghijklmnopqrstuvwxy-_').success).toBe(true);
  });

  it.each(['short', 'abcdefghijklmnopqrstuvwxyz01', 'abcdefghijklmnopqrstuvwxy+/', 'abcdefghijklmnopqrstuvwxy%2'])(
    'when it is %j, then it is rejected',
    (id) => {
      expect(ApprovalIdParam.safeParse(id).success).toBe(false);
    },
  );
});

describe('given the input a workflow step receives', () => {
  const orderId = 'ORD-01JQ8Z3M4N5P6R7S8T9V0W1X2Y';

  it('when it names an order id, then it is accepted', () => {
    expect(StepInput.parse({ orderId })).toEqual({ orderId });
  });

  it.each(['ORD-123', 'ord-01JQ8Z3M4N5P6R7S8T9V0W1X2Y', '01JQ8Z3M4N5P6R7S8T9V0W1X2Y', 'ORD-01jq8z3m4n5p6r7s8t9v0w1x2y'])(
    'when the order id is %j, then it is rejected',
    (bad) => {
      expect(StepInput.safeParse({ orderId: bad }).success).toBe(false);
    },
  );

  it('when the approval step has no task token or an unknown reason, then it is rejected', () => {
    const task = { orderId, reason: 'CREDIT_HOLD', role: 'credit-controller', detail: 'customer is blocked', level: 0 };
    expect(ApprovalTaskInput.safeParse({ ...task, taskToken: '' }).success).toBe(false);
    expect(ApprovalTaskInput.safeParse({ ...task, reason: 'BECAUSE', taskToken: 'AQB8AAAAKgAAAAMAAAAA' }).success).toBe(false);
    expect(ApprovalTaskInput.safeParse({ ...task, taskToken: 'AQB8AAAAKgAAAAMAAAAA' }).success).toBe(true);
  });

  it('when the close step is asked for a status other than REJECTED or FAILED, then it is rejected', () => {
    expect(CloseInput.safeParse({ orderId, status: 'REJECTED', reason: 'approval expired' }).success).toBe(true);
    expect(CloseInput.safeParse({ orderId, status: 'ARCHIVED', reason: 'done' }).success).toBe(false);
    expect(CloseInput.safeParse({ orderId, status: 'FAILED', reason: '' }).success).toBe(false);
  });
});
