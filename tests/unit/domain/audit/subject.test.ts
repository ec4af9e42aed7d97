import { describe, expect, it } from 'vitest';
import { actorOf, auditContentOf, completedOrder, isAudited, refsOf, type TableChange } from '../../../../shared/compliance/domain/audit/subject.js';

const change = (overrides: Partial<TableChange>): TableChange => ({
  action: 'MODIFY',
  sourceId: 'rec-1',
  at: '2026-11-25T12:00:00.000Z',
  keys: { PK: 'ORDER#ORD-1', SK: 'ORDER' },
  ...overrides,
});

describe('given table items', () => {
  it('when an item is a Powertools idempotency record, then it is not audited', () => {
    expect(isAudited({ PK: 'IDEMPOTENCY#place-order' })).toBe(false);
    expect(isAudited({ PK: 'IDEMPOTENCY#edi-x12' })).toBe(false);
  });

  it('when an item is a fault-injection plan (test deployments only), then it is not audited', () => {
    expect(isAudited({ PK: 'FAULT#Ship' })).toBe(false);
  });

  it.each(['ORDER#ORD-1', 'LOT#05012345678900#L1', 'MASTER#products#05012345678900', 'APPROVAL#abc', 'RECALL#R-1'])(
    'when an item is a business record (%s), then it is audited',
    (PK) => {
      expect(isAudited({ PK })).toBe(true);
    },
  );
});

describe('given who made a change', () => {
  it('when the item names changedBy, then that is the actor', () => {
    expect(actorOf(change({ after: { changedBy: 'client:abc', actor: 'workflow' } }))).toBe('client:abc');
  });

  it('when the item has only its own author fields, then they are used (workflow -> system:workflow, a user name -> user:)', () => {
    expect(actorOf(change({ after: { actor: 'workflow' } }))).toBe('system:workflow');
    expect(actorOf(change({ after: { decidedBy: 'finance1' } }))).toBe('user:finance1');
    expect(actorOf(change({ after: { recordedBy: 'user:masterdata1' } }))).toBe('user:masterdata1');
  });

  it('when an item was deleted, then the deleter is unknown unless DynamoDB expired it', () => {
    expect(actorOf(change({ action: 'REMOVE', before: { changedBy: 'user:x' } }))).toBe('system:unknown');
    expect(actorOf(change({ action: 'REMOVE', before: {}, removedByService: true }))).toBe('system:ttl');
  });

  it('when nothing names an author, then the actor is system:unknown', () => {
    expect(actorOf(change({ after: {} }))).toBe('system:unknown');
  });
});

describe('given a change to turn into an audit event', () => {
  it('when an order is modified, then the event carries entity, version, actor, reason and only the changed attributes', () => {
    const content = auditContentOf(
      change({
        before: { _et: 'Order', status: 'PRICED', version: 3, customerId: 'C1' },
        after: { _et: 'Order', status: 'REJECTED', version: 4, customerId: 'C1', changedBy: 'system:credit-check', changeReason: 'credit hold' },
      }),
    );
    expect(content).toMatchObject({
      eventId: 'AE-rec-1',
      action: 'MODIFY',
      entityType: 'Order',
      entityKey: 'ORDER#ORD-1|ORDER',
      version: 4,
      actor: 'system:credit-check',
      reason: 'credit hold',
      refs: { orderId: 'ORD-1', customerId: 'C1' },
    });
    expect(content.changes?.map((c) => c.field)).toEqual(['changeReason', 'changedBy', 'status', 'version']);
    expect(content.before).toBeUndefined();
    expect(content.after).toBeUndefined();
  });

  it('when a reason is left over from an earlier write by the same actor, then it is not repeated as this change reason', () => {
    const content = auditContentOf(
      change({ before: { version: 1, changedBy: 'user:a', changeReason: 'old' }, after: { version: 2, changedBy: 'user:a', changeReason: 'old' } }),
    );
    expect(content.reason).toBeUndefined();
  });

  it('when an item is inserted, then the event carries the whole new item; when removed, the whole old item', () => {
    expect(auditContentOf(change({ action: 'INSERT', after: { a: '1' } }))).toMatchObject({ after: { a: '1' } });
    expect(auditContentOf(change({ action: 'REMOVE', before: { a: '1' } }))).toMatchObject({ before: { a: '1' } });
  });
});

describe('given the subjects of an item', () => {
  it('when the key names a lot, serial, product master or customer, then the refs say so', () => {
    expect(refsOf({ PK: 'LOT#05012345678900#L1', SK: 'SHIPMENT#ORD-1#1' }, { orderId: 'ORD-1', customerId: 'C1' })).toEqual({
      gtin: '05012345678900',
      lot: 'L1',
      orderId: 'ORD-1',
      customerId: 'C1',
    });
    expect(refsOf({ PK: 'SERIAL#05012345678900#S1', SK: 'SERIAL' }, { lotNumber: 'L1' })).toEqual({ gtin: '05012345678900', serial: 'S1', lot: 'L1' });
    expect(refsOf({ PK: 'MASTER#customers#C9', SK: 'VERSION#x' }, {})).toEqual({ customerId: 'C9' });
  });
});

describe('given an order reaching a final status', () => {
  it.each(['ARCHIVED', 'REJECTED', 'FAILED'])('when the order item moves to %s, then the order is reported completed', (status) => {
    expect(completedOrder(change({ before: { status: 'INVOICED' }, after: { status } }))).toBe('ORD-1');
  });

  it('when the status is unchanged or not final, or the item is not the order, then nothing is completed', () => {
    expect(completedOrder(change({ before: { status: 'ARCHIVED' }, after: { status: 'ARCHIVED' } }))).toBeUndefined();
    expect(completedOrder(change({ before: { status: 'PRICED' }, after: { status: 'ALLOCATED' } }))).toBeUndefined();
    expect(completedOrder(change({ keys: { PK: 'ORDER#ORD-1', SK: 'EVENT#08' }, after: { status: 'ARCHIVED' } }))).toBeUndefined();
  });
});
