import { describe, expect, it } from 'vitest';
import { ackLinkRefusal } from '../../../shared/recalls/domain/recall.js';

describe('given a recall acknowledgement link', () => {
  const createdAt = '2026-01-01T00:00:00.000Z';
  const at = (iso: string) => new Date(iso);

  it('when the recall is open and the link is within its validity, then an acknowledgement is taken', () => {
    expect(ackLinkRefusal({ status: 'NOTIFIED', createdAt }, at('2026-03-31T23:59:59.000Z'), 90)).toBeUndefined();
    expect(ackLinkRefusal({ status: 'COMPLETED', createdAt }, at('2026-02-01T00:00:00.000Z'), 90)).toBeUndefined();
  });

  it('when the recall is closed, then the link is refused as closed, however young it is', () => {
    expect(ackLinkRefusal({ status: 'CLOSED', createdAt }, at('2026-01-02T00:00:00.000Z'), 90)).toEqual({ reason: 'RECALL_CLOSED' });
  });

  it('when the link is older than its validity (days after the recall was issued), then it is refused as expired, naming when it expired', () => {
    expect(ackLinkRefusal({ status: 'NOTIFIED', createdAt }, at('2026-04-01T00:00:00.000Z'), 90)).toEqual({
      reason: 'LINK_EXPIRED',
      expiredAt: '2026-04-01T00:00:00.000Z',
    });
    expect(ackLinkRefusal({ status: 'NOTIFIED', createdAt }, at('2026-01-11T00:00:00.000Z'), 10)).toMatchObject({ reason: 'LINK_EXPIRED' });
  });
});
