import { beforeAll, describe, expect, it } from 'vitest';
import { newOrderId } from '../../shared/platform/domain/ids.js';
import { uniqueGtin, uniqueId } from '../support/fixtures.js';
import { deployedStack, givenCustomer } from '../support/stack.js';

describe('given an order line reserved on a lot that quality then puts on hold, against the emulated table', () => {
  deployedStack();
  let stock: typeof import('../../shared/inventory/data/stock-repository.js');
  let inventory: typeof import('../../shared/inventory/data/inventory-repository.js');
  const gtin = uniqueGtin();
  const lot = { gtin, lotNumber: 'RECALLED', expiry: '2030-01-31' };
  const orderId = newOrderId();
  const hold = (from: 'RELEASED' | 'ON_HOLD', to: 'RELEASED' | 'ON_HOLD') =>
    inventory.changeLotStatus({
      ...lot,
      from,
      to,
      event: {
        type: to === 'ON_HOLD' ? 'HOLD' : 'RELEASE_HOLD',
        eventId: `${to}-${Date.now()}`,
        at: new Date().toISOString(),
        actor: 'user:test',
        notes: 'field safety notice',
      },
    });

  beforeAll(async () => {
    stock = await import('../../shared/inventory/data/stock-repository.js');
    inventory = await import('../../shared/inventory/data/inventory-repository.js');
    await stock.putLot({ ...lot, status: 'RELEASED', onHand: 10, reserved: 0, available: 10 });
    expect(await stock.reserveLine(orderId, { lineNo: 1, gtin, picks: [{ lotNumber: lot.lotNumber, expiry: lot.expiry, quantity: 4 }] })).toBe(true);
    expect(await hold('RELEASED', 'ON_HOLD')).toBe(true);
  });

  it('when the line is shipped, then it is refused naming the lot, and nothing leaves the lot or reaches a customer', async () => {
    const [reservation] = await stock.reservationsOf(orderId);
    await expect(stock.shipReservation(reservation!, { customerId: 'CUST-HELD', shippedAt: new Date().toISOString() })).rejects.toThrow(
      `GTIN ${gtin} lot(s) RECALLED are no longer released (on hold or rejected); nothing was shipped`,
    );
    const [after] = await stock.lotsOf(gtin);
    expect(after).toMatchObject({ status: 'ON_HOLD', onHand: 10, reserved: 4 });
    // The recall sees the open order holding the held units, in the lot's own partition.
    expect((await inventory.lotHistory(gtin, lot.lotNumber)).reservations).toEqual([
      expect.objectContaining({ orderId, lineNo: 1, quantity: 4, status: 'RESERVED' }),
    ]);
    expect(await stock.shipmentsOf(gtin, lot.lotNumber)).toEqual([]);
    expect((await stock.reservationsOf(orderId))[0]?.status).toBe('RESERVED');
  });

  it('when the hold is released, then the same line ships', async () => {
    expect(await hold('ON_HOLD', 'RELEASED')).toBe(true);
    const [reservation] = await stock.reservationsOf(orderId);
    expect(await stock.shipReservation(reservation!, { customerId: 'CUST-HELD', shippedAt: new Date().toISOString() })).toBe(true);
    const [after] = await stock.lotsOf(gtin);
    expect(after).toMatchObject({ onHand: 6, reserved: 0, available: 6 });
    expect((await inventory.lotHistory(gtin, lot.lotNumber)).reservations).toEqual([expect.objectContaining({ orderId, status: 'SHIPPED' })]);
  });

  it('when the Ship step meets an order whose second line is on a held lot, then nothing ships, the whole allocation is given back, and the order is allocated again from another lot', async () => {
    const orders = await import('../../shared/orders/data/order-repository.js');
    const { shipStep } = await import('../../shared/inventory/services/ship.js');
    const freeGtin = uniqueGtin();
    const heldGtin = uniqueGtin();
    await stock.putLot({ gtin: freeGtin, lotNumber: 'FREE', expiry: '2030-01-31', status: 'RELEASED', onHand: 5, reserved: 0, available: 5 });
    await stock.putLot({ gtin: heldGtin, lotNumber: 'HELD', expiry: '2030-01-31', status: 'RELEASED', onHand: 5, reserved: 0, available: 5 });
    const twoLines = newOrderId();
    await orders.createOrder(
      {
        orderId: twoLines,
        status: 'ALLOCATED',
        channel: 'portal',
        submittedBy: 'client:test',
        customerId: await givenCustomer(),
        customerPo: uniqueId('PO'),
        shipTo: { name: 'Test', line1: '1 Road', city: 'Town', postalCode: '1', country: 'US' },
        lines: [
          { lineNo: 1, gtin: freeGtin, quantity: 1 },
          { lineNo: 2, gtin: heldGtin, quantity: 1 },
        ],
      },
      { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'test' },
      new Date().toISOString(),
    );
    await stock.reserveLine(twoLines, { lineNo: 1, gtin: freeGtin, picks: [{ lotNumber: 'FREE', expiry: '2030-01-31', quantity: 1 }] });
    await stock.reserveLine(twoLines, { lineNo: 2, gtin: heldGtin, picks: [{ lotNumber: 'HELD', expiry: '2030-01-31', quantity: 1 }] });
    await inventory.changeLotStatus({
      gtin: heldGtin,
      lotNumber: 'HELD',
      expiry: '2030-01-31',
      from: 'RELEASED',
      to: 'ON_HOLD',
      event: { type: 'HOLD', eventId: 'hold', at: new Date().toISOString(), actor: 'user:test', notes: 'recall' },
    });

    const reason = `not shipped: ${heldGtin} lot(s) HELD no longer released (on hold or rejected); allocating again`;
    expect(await shipStep(twoLines, { id: 'DC-TEST', name: 'Test warehouse' })).toEqual({ outcome: 'REALLOCATE', reason });
    expect((await stock.reservationsOf(twoLines)).map((reservation) => reservation.status)).toEqual(['RELEASED', 'RELEASED']);
    expect(await stock.shipmentsOf(freeGtin, 'FREE')).toEqual([]);
    expect((await stock.lotsOf(heldGtin))[0]).toMatchObject({ status: 'ON_HOLD', reserved: 0, available: 5 });
    const withdrawn = await orders.getOrder(twoLines);
    expect(withdrawn).toMatchObject({ status: 'AWAITING_STOCK', statusReason: reason, reallocations: 1 });
    expect(withdrawn.lines.every((line) => line.allocations === undefined)).toBe(true);
    // A retried Ship step finds the allocation already withdrawn and ships nothing.
    expect(await shipStep(twoLines, { id: 'DC-TEST', name: 'Test warehouse' })).toEqual({ outcome: 'REALLOCATE', reason });

    const { allocateStep } = await import('../../shared/inventory/services/allocate.js');
    await stock.putLot({ gtin: heldGtin, lotNumber: 'SPARE', expiry: '2031-01-31', status: 'RELEASED', onHand: 5, reserved: 0, available: 5 });
    expect(await allocateStep(twoLines)).toEqual({ outcome: 'CONTINUE' });
    const again = await orders.getOrder(twoLines);
    expect(again.status).toBe('ALLOCATED');
    expect(again.lines.map((line) => line.allocations?.map((pick) => pick.lotNumber))).toEqual([['FREE'], ['SPARE']]);
    expect((await orders.getTimeline(twoLines)).map((event) => event.eventId)).toEqual(expect.arrayContaining(['06-LOTS_HELD-r1', '05-ALLOCATED-r1']));
  });
});
