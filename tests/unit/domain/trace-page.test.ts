import { describe, expect, it } from 'vitest';
import { pageOfShipments, TRACE_PAGE_BYTES } from '../../../shared/inventory/domain/trace-page.js';
import type { LotTrace } from '../../../shared/inventory/schemas/trace.js';

const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;

/** A lot shipped in `count` shipments of 300 serialized units each (about 7 KB per shipment). */
const traceOf = (count: number): LotTrace => ({
  gtin: '05012345678900',
  lotNumber: 'L1',
  expiry: '2028-01-31',
  status: 'RELEASED',
  remaining: { onHand: 0, reserved: 0, available: 0 },
  suppliers: [],
  consignees: [
    { customerId: 'CUST-1', quantity: count * 300, firstShippedAt: '2026-01-01T00:00:00.000Z', lastShippedAt: '2026-01-02T00:00:00.000Z', orders: ['ORD-1'] },
  ],
  shipments: Array.from({ length: count }, (_, i) => ({
    orderId: `ORD-${String(i).padStart(6, '0')}`,
    lineNo: 1,
    customerId: 'CUST-1',
    quantity: 300,
    shippedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    serials: Array.from({ length: 300 }, (_, s) => `SN-${i}-${String(s).padStart(12, '0')}`),
  })),
  shippedQuantity: count * 300,
  openOrders: [],
});

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('given the trace of a lot shipped to many customers in serialized units', () => {
  const full = traceOf(3_000);

  it('when it is asked for without a limit, then one page stays under Lambda’s 6 MB response limit and carries a token for the next', () => {
    expect(bytes(full)).toBeGreaterThan(LAMBDA_RESPONSE_LIMIT);
    const page = pageOfShipments(full, {});
    expect(page.ok && bytes(page.trace)).toBeLessThanOrEqual(TRACE_PAGE_BYTES);
    expect(TRACE_PAGE_BYTES).toBeLessThan(LAMBDA_RESPONSE_LIMIT);
    expect(page.ok && page.trace.nextToken).toEqual(expect.any(String));
  });

  it('when the largest limit would weigh more than a response may (1,000 shipments of 7 KB), then the page stops at the byte budget and continues from there', () => {
    const page = pageOfShipments(full, { limit: 1_000 });
    if (!page.ok) throw new Error(page.problem);
    expect(bytes(page.trace)).toBeLessThanOrEqual(TRACE_PAGE_BYTES);
    expect(page.trace.shipments.length).toBeLessThan(1_000);
    const next = pageOfShipments(full, { limit: 1_000, nextToken: page.trace.nextToken! });
    expect(next.ok && next.trace.shipments[0]).toEqual(full.shipments[page.trace.shipments.length]);
  });

  it('when the pages are followed by their tokens, then every shipment comes exactly once, in order, and the last page has no token', () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = pageOfShipments(full, { limit: 400, ...(token ? { nextToken: token } : {}) });
      if (!page.ok) throw new Error(page.problem);
      expect(page.trace.shipments.length).toBeLessThanOrEqual(400);
      expect(page.trace.consignees).toEqual(full.consignees);
      seen.push(...page.trace.shipments.map((shipment) => shipment.orderId));
      token = page.trace.nextToken;
      pages += 1;
    } while (token);
    expect(seen).toEqual(full.shipments.map((shipment) => shipment.orderId));
    expect(pages).toBeGreaterThan(3_000 / 400);
  });

  it('when a small lot is asked for, then it comes whole without a token', () => {
    const small = traceOf(3);
    expect(pageOfShipments(small, {})).toEqual({ ok: true, trace: small });
  });

  it('when the token is not one this API gave, then it is refused with a reason', () => {
    expect(pageOfShipments(full, { nextToken: 'not-a-token' })).toEqual({ ok: false, problem: 'nextToken is not a token this API gave for this lot' });
  });
});
