import { describe, expect, it } from 'vitest';
import { newApprovalId, newInvoiceNumber, newOrderId } from '../../../shared/platform/domain/ids.js';
import { ApprovalIdParam } from '../../../shared/approvals/schemas/approval.js';
import { StepInput } from '../../../shared/orders/schemas/workflow.js';

const ORDER_ID = /^ORD-[0-9A-Z]{26}$/;
const CROCKFORD = /^ORD-[0-9A-HJKMNP-TV-Z]{26}$/;

describe('given order ids minted now', () => {
  it('when an order id is minted, then it is ORD- and 26 Crockford base-32 characters', () => {
    const id = newOrderId();
    expect(id).toMatch(ORDER_ID);
    expect(id).toMatch(CROCKFORD);
  });

  it('when an order id is minted, then the workflow accepts it as an order id', () => {
    expect(StepInput.safeParse({ orderId: newOrderId() }).success).toBe(true);
  });

  it('when many ids are minted in the same millisecond, then they are all different but share the time prefix', () => {
    const at = new Date('2025-03-01T10:00:00.000Z');
    const ids = Array.from({ length: 1000 }, () => newOrderId(at));
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids.map((id) => id.slice(0, 14))).size).toBe(1);
  });
});

describe('given order ids minted at different times', () => {
  it.each([
    ['one millisecond apart', '2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.001Z'],
    ['across a year end', '2025-12-31T23:59:59.999Z', '2026-01-01T00:00:00.000Z'],
    ['decades apart', '1999-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z'],
    ['across a 32-bit millisecond boundary', new Date(2 ** 32 - 1).toISOString(), new Date(2 ** 32).toISOString()],
  ])('when ids are minted %s, then the earlier id sorts first as text', (_case, earlier, later) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const first = newOrderId(new Date(earlier));
      const second = newOrderId(new Date(later));
      expect(first < second, `${first} < ${second}`).toBe(true);
    }
  });

  it('when a series of ids is minted with rising times and mixed up, then sorting them restores time order', () => {
    const start = Date.parse('2025-01-01T00:00:00.000Z');
    const ids = Array.from({ length: 200 }, (_, i) => newOrderId(new Date(start + i * 7_919_999)));
    const shuffled = [...ids.filter((_, i) => i % 2 === 1), ...ids.filter((_, i) => i % 2 === 0).reverse()];
    expect([...shuffled].sort()).toEqual(ids);
  });
});

describe('given approval ids sent by email as bearer links', () => {
  it('when an approval id is minted, then it is URL-safe base64 without padding', () => {
    const id = newApprovalId();
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(id)).toBe(id);
  });

  it('when an approval id is decoded, then it carries at least 128 random bits', () => {
    const bytes = Buffer.from(newApprovalId(), 'base64url');
    expect(bytes.length * 8).toBeGreaterThanOrEqual(128);
  });

  it('when an approval id is minted, then the approval route accepts it', () => {
    expect(ApprovalIdParam.safeParse(newApprovalId()).success).toBe(true);
  });

  it('when many approval ids are minted, then no two are the same', () => {
    const ids = Array.from({ length: 10_000 }, () => newApprovalId());
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('given an order id', () => {
  it('when its invoice number is derived, then it is INV- and the same suffix', () => {
    expect(newInvoiceNumber('ORD-01JABCDEFGHJKMNPQRSTVWXYZ0')).toBe('INV-01JABCDEFGHJKMNPQRSTVWXYZ0');
  });

  it('when two orders are invoiced, then their invoice numbers differ', () => {
    expect(newInvoiceNumber(newOrderId())).not.toBe(newInvoiceNumber(newOrderId()));
  });
});
