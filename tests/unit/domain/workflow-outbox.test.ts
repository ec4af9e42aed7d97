import { describe, expect, it } from 'vitest';
import { orderEnteringReceived } from '../../../shared/orders/domain/workflow-outbox.js';

const orderId = 'ORD-01KAZ3Q4R5S6T7V8W9X0Y1Z2AB';
const order = (status: string, overrides: Record<string, unknown> = {}) => ({
  _et: 'Order',
  PK: `ORDER#${orderId}`,
  SK: 'ORDER',
  status,
  version: 1,
  ...overrides,
});

describe('given a change of the table seen on its stream', () => {
  it('when an order is written as RECEIVED, then its workflow must run', () => {
    expect(orderEnteringReceived('INSERT', order('RECEIVED'), undefined)).toBe(orderId);
  });

  it('when a held order is kept (POSSIBLE_DUPLICATE to RECEIVED), then its workflow must run', () => {
    expect(orderEnteringReceived('MODIFY', order('RECEIVED', { version: 2 }), order('POSSIBLE_DUPLICATE'))).toBe(orderId);
  });

  it('when a RECEIVED order changes without leaving RECEIVED (a merge adding lines), then nothing is started again', () => {
    expect(orderEnteringReceived('MODIFY', order('RECEIVED', { version: 2 }), order('RECEIVED'))).toBeUndefined();
  });

  it.each(['POSSIBLE_DUPLICATE', 'VALIDATED', 'ARCHIVED', 'REJECTED'])('when an order is written as %s, then no workflow is started', (status) => {
    expect(orderEnteringReceived('INSERT', order(status), undefined)).toBeUndefined();
  });

  it('when a RECEIVED order is removed, then no workflow is started', () => {
    expect(orderEnteringReceived('REMOVE', undefined, order('RECEIVED'))).toBeUndefined();
  });

  it('when another item has a RECEIVED status (an order event, a stock item), then it is not an order and nothing starts', () => {
    expect(
      orderEnteringReceived('INSERT', { _et: 'OrderEvent', PK: `ORDER#${orderId}`, SK: 'EVENT#00-RECEIVED', status: 'RECEIVED' }, undefined),
    ).toBeUndefined();
    expect(orderEnteringReceived('INSERT', order('RECEIVED', { _et: 'Batch' }), undefined)).toBeUndefined();
  });

  it('when the order key is not an order id, then nothing starts', () => {
    expect(orderEnteringReceived('INSERT', order('RECEIVED', { PK: 'ORDER#not-an-id' }), undefined)).toBeUndefined();
  });
});
