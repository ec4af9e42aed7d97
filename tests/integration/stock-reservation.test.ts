import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { uniqueGtin } from '../support/fixtures.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';

describe('given one released lot with 10 units, against the emulated table', () => {
  deployedStack();
  let stock: typeof import('../../shared/inventory/data/stock-repository.js');
  const gtin = uniqueGtin();
  const lot = { gtin, expiry: '2028-01-31', lotNumber: 'RACE1' };

  beforeAll(async () => {
    stock = await import('../../shared/inventory/data/stock-repository.js');
    await stock.putLot({ ...lot, status: 'RELEASED', onHand: 10, reserved: 0, available: 10 });
  });

  it('when 25 orders race for one unit each, then exactly 10 win and the lot never goes negative', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        stock.reserveLine(newOrderId(), { lineNo: 1, gtin, picks: [{ lotNumber: lot.lotNumber, expiry: lot.expiry, quantity: 1 }] }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(10);
    const [after] = await stock.lotsOf(gtin);
    expect(after).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
  });

  it('when a reservation is released twice, then the units come back once', async () => {
    const gtin2 = uniqueGtin();
    await stock.putLot({ gtin: gtin2, expiry: '2028-01-31', lotNumber: 'REL1', status: 'RELEASED', onHand: 5, reserved: 0, available: 5 });
    const orderId = newOrderId();
    expect(await stock.reserveLine(orderId, { lineNo: 1, gtin: gtin2, picks: [{ lotNumber: 'REL1', expiry: '2028-01-31', quantity: 3 }] })).toBe(true);
    const [reservation] = await stock.reservationsOf(orderId);
    expect(await stock.releaseReservation(reservation!)).toBe(true);
    expect(await stock.releaseReservation(reservation!)).toBe(false);
    const [after] = await stock.lotsOf(gtin2);
    expect(after).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
  });

  it('when a lot is quarantined, then nothing can be reserved on it', async () => {
    const gtin3 = uniqueGtin();
    await stock.putLot({ gtin: gtin3, expiry: '2028-01-31', lotNumber: 'Q1', status: 'QUARANTINED', onHand: 5, reserved: 0, available: 5 });
    expect(await stock.reserveLine(newOrderId(), { lineNo: 1, gtin: gtin3, picks: [{ lotNumber: 'Q1', expiry: '2028-01-31', quantity: 1 }] })).toBe(false);
  });

  it('when a reserved line ships, then on-hand drops and a trace record names the customer', async () => {
    const gtin4 = uniqueGtin();
    await stock.putLot({ gtin: gtin4, expiry: '2028-01-31', lotNumber: 'SH1', status: 'RELEASED', onHand: 5, reserved: 0, available: 5 });
    const orderId = newOrderId();
    await stock.reserveLine(orderId, { lineNo: 1, gtin: gtin4, picks: [{ lotNumber: 'SH1', expiry: '2028-01-31', quantity: 2 }] });
    const [reservation] = await stock.reservationsOf(orderId);
    expect(await stock.shipReservation(reservation!, { customerId: 'CUST-TRACE', shippedAt: '2026-11-25T10:00:00.000Z' })).toBe(true);
    expect(await stock.shipReservation(reservation!, { customerId: 'CUST-TRACE', shippedAt: '2026-11-25T10:00:00.000Z' })).toBe(false);
    const [after] = await stock.lotsOf(gtin4);
    expect(after).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    const shipments = await stock.shipmentsOf(gtin4, 'SH1');
    expect(shipments).toEqual([expect.objectContaining({ orderId, customerId: 'CUST-TRACE', quantity: 2 })]);
  });
});
