import { describe, expect, it } from 'vitest';
import { closingOf } from '../../../shared/orders/domain/closure.js';
import { ORDER_STATUSES } from '../../../shared/orders/schemas/order.js';

describe('given an order the workflow closes', () => {
  it('when it is rejected or failed before anything shipped, then its stock is given back, its exposure ends and it gets the status asked for', () => {
    for (const requested of ['REJECTED', 'FAILED'] as const) {
      expect(closingOf(requested, { status: 'READY_TO_PICK', goodsShipped: false })).toEqual({
        close: true,
        status: requested,
        releaseStock: true,
        endExposure: true,
      });
    }
  });

  it('when invoicing or archiving failed after Ship (asked to fail a SHIPPED or INVOICED order), then it needs attention: shipment kept, exposure kept, nothing released', () => {
    for (const status of ['SHIPPED', 'INVOICED'] as const) {
      expect(closingOf('FAILED', { status, goodsShipped: true })).toEqual({ close: true, status: 'NEEDS_ATTENTION', releaseStock: false, endExposure: false });
    }
  });

  it('when Ship failed half way (some lines shipped, the order not yet SHIPPED), then it needs attention and nothing is released', () => {
    expect(closingOf('FAILED', { status: 'READY_TO_PICK', goodsShipped: true })).toEqual({
      close: true,
      status: 'NEEDS_ATTENTION',
      releaseStock: false,
      endExposure: false,
    });
  });

  it('when it is marked NEEDS_ATTENTION before anything shipped, then its stock is given back but its exposure stays until an operator settles it', () => {
    expect(closingOf('NEEDS_ATTENTION', { status: 'ALLOCATED', goodsShipped: false })).toEqual({
      close: true,
      status: 'NEEDS_ATTENTION',
      releaseStock: true,
      endExposure: false,
    });
  });

  it('when it is marked NEEDS_ATTENTION after shipping, then the shipment and the exposure stay', () => {
    expect(closingOf('NEEDS_ATTENTION', { status: 'SHIPPED', goodsShipped: true })).toEqual({
      close: true,
      status: 'NEEDS_ATTENTION',
      releaseStock: false,
      endExposure: false,
    });
  });

  it('when it already has a final status or already needs attention, then closing again changes nothing', () => {
    for (const status of ['REJECTED', 'FAILED', 'ARCHIVED', 'NEEDS_ATTENTION'] as const) {
      for (const requested of ['REJECTED', 'FAILED', 'NEEDS_ATTENTION'] as const) {
        expect(closingOf(requested, { status, goodsShipped: status === 'ARCHIVED' }), `${requested} on ${status}`).toEqual({ close: false });
      }
    }
  });

  it('when any shipped order is closed, then its stock is never released and it never becomes REJECTED or FAILED', () => {
    for (const status of ORDER_STATUSES) {
      for (const requested of ['REJECTED', 'FAILED', 'NEEDS_ATTENTION'] as const) {
        const closing = closingOf(requested, { status, goodsShipped: true });
        if (closing.close) {
          expect(closing.releaseStock, `${requested} on ${status}`).toBe(false);
          expect(closing.status, `${requested} on ${status}`).toBe('NEEDS_ATTENTION');
        }
      }
    }
  });
});
