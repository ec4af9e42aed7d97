import { describe, expect, it } from 'vitest';
import { orderContentHash, type OrderContent } from '../../../shared/orders/domain/order-fingerprint.js';

const order: OrderContent = {
  orderId: 'ORD-1',
  customerId: 'C',
  customerPo: 'PO',
  shipTo: { name: 'A', city: 'B' },
  currency: 'EUR',
  total: '10.00',
  lines: [{ lineNo: 1, gtin: '05012345678900', quantity: 1, unitPrice: '10.00', lineTotal: '10.00' }],
};

describe('given an order being signed', () => {
  it('when only workflow bookkeeping differs, then the content hash is the same', () => {
    const withBookkeeping = { ...order, status: 'AWAITING_APPROVAL', version: 7, lines: [{ ...order.lines[0]!, allocations: [] }] };
    expect(orderContentHash(withBookkeeping)).toBe(orderContentHash(order));
  });

  it('when a quantity, price or the ship-to changes, then the hash changes', () => {
    const base = orderContentHash(order);
    expect(orderContentHash({ ...order, lines: [{ ...order.lines[0]!, quantity: 2 }] })).not.toBe(base);
    expect(orderContentHash({ ...order, total: '10.01' })).not.toBe(base);
    expect(orderContentHash({ ...order, shipTo: { name: 'A', city: 'C' } })).not.toBe(base);
  });

  it('when hashed, then it is 64 lowercase hex characters', () => {
    expect(orderContentHash(order)).toMatch(/^[0-9a-f]{64}$/);
  });
});
