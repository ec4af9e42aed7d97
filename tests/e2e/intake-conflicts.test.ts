import { beforeAll, describe, expect, it } from 'vitest';
import { gtinCandidates } from '../../shared/orders/domain/gtin-suggestions.js';
import { OrderAccepted, OrderView } from '../../shared/orders/schemas/order.js';
import { deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';

describe('given orders that conflict with master data at intake', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  const dock = { name: 'ACME University Hospital', line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'US' };

  beforeAll(async () => {
    api = await portalApi(outputs);
  });

  const place = (body: unknown) => api.json(OrderAccepted, 'POST', '/v1/orders', { body, headers: { 'idempotency-key': idempotencyKey() } });

  it('when a GTIN has swapped digits, a unit is not sold and the ship-to is unknown, then 422 lists each conflict with its suggestion and nothing is written', async () => {
    const [customerId, known, other] = await Promise.all([givenCustomer({ shipTo: [dock] }), givenProduct(), givenProduct()]);
    const swapped = gtinCandidates(known)[0]!;
    const bad = newOrder({
      customerId,
      shipTo: { ...dock, line1: '1 Hospital Rd' },
      lines: [
        { gtin: swapped, quantity: 1 },
        { gtin: other, quantity: 2, unitOfMeasure: 'BX' },
      ],
    });
    const refused = await place(bad);
    expect(refused.status).toBe(422);
    expect(refused.problem.conflicts).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_SHIP_TO', field: 'shipTo', blocking: true, suggestion: expect.objectContaining({ shipTo: dock }) }),
      expect.objectContaining({ code: 'UNKNOWN_GTIN', lineNo: 1, field: 'lines.0.gtin', blocking: true, suggestion: expect.objectContaining({ gtin: known }) }),
      expect.objectContaining({
        code: 'UNIT_NOT_SOLD',
        lineNo: 2,
        field: 'lines.1.unitOfMeasure',
        blocking: true,
        suggestion: expect.objectContaining({ unitOfMeasure: 'EA' }),
      }),
    ]);
    expect(refused.problem.detail).toContain(`line 1: product ${swapped} does not exist`);

    // Nothing was written: the same PO is still free once the suggestions are applied.
    const corrected = await place({
      ...bad,
      shipTo: dock,
      lines: [
        { gtin: known, quantity: 1 },
        { gtin: other, quantity: 2, unitOfMeasure: 'EA' },
      ],
    });
    expect(corrected.status).toBe(202);
    expect(corrected.body.status).toBe('RECEIVED');
  });

  it('when the customer licence for the device class has expired, then the order is accepted, flagged on the order and goes to regulatory review', async () => {
    const [customerId, gtin] = await Promise.all([
      givenCustomer({ licences: [{ deviceClass: 'IIb', number: 'DE-IIb-1', expiry: '2026-01-31' }] }),
      givenProduct({ deviceClass: 'IIb', quantity: 100 }),
    ]);
    const placed = await place(newOrder({ customerId, lines: [{ gtin, quantity: 1 }] }));
    expect(placed.status).toBe(202);
    expect(placed.body.intakeConflicts).toEqual([expect.objectContaining({ code: 'LICENCE_EXPIRED', lineNo: 1, blocking: false })]);
    const waiting = await waitForShippedOrder(api, placed.body.orderId, ['AWAITING_APPROVAL', 'ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(waiting.status).toBe('AWAITING_APPROVAL');
    expect(waiting.intakeConflicts).toEqual([expect.objectContaining({ code: 'LICENCE_EXPIRED', message: expect.stringContaining('expired on 2026-01-31') })]);
    expect(waiting.approvalReasons).toContain('REGULATORY_REVIEW');
  });

  it('when the customer is unknown, then 422 names it', async () => {
    const refused = await place(newOrder({ customerId: 'CUST-T-NOBODY-AT-ALL' }));
    expect(refused.status).toBe(422);
    expect(refused.problem.conflicts).toEqual([expect.objectContaining({ code: 'UNKNOWN_CUSTOMER', field: 'customerId' })]);
  });
});
