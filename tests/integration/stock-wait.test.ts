import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueGtin } from '../support/fixtures.js';
import { givenApprovedOrder } from '../support/orders.js';
import { deployedStack, givenCustomer, givenProduct } from '../support/stack.js';

const threeDays = { maxWaitSeconds: 3 * 86_400 };
const noBackoff = { sleep: async () => undefined, random: () => 0.5 };

describe('given an approved order for more than the released stock, under the wait-for-stock policy, against the emulated table', () => {
  deployedStack();
  let stock: typeof import('../../shared/inventory/data/stock-repository.js');
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let allocate: typeof import('../../shared/inventory/services/allocate.js');
  let customerId: string;

  const approvedOrder = (lines: { gtin: string; quantity: number }[]) => givenApprovedOrder(customerId, lines);

  beforeAll(async () => {
    stock = await import('../../shared/inventory/data/stock-repository.js');
    orders = await import('../../shared/orders/data/order-repository.js');
    allocate = await import('../../shared/inventory/services/allocate.js');
    customerId = await givenCustomer();
  });

  it('when it is first allocated, then it waits (AWAITING_STOCK with the shortage named) and holds no stock, even of the lines that were available', async () => {
    const [short, plenty] = [uniqueGtin(), uniqueGtin()];
    await givenProduct({ gtin: short });
    await givenProduct({ gtin: plenty });
    await stock.putLot({ gtin: short, expiry: '2030-06-30', lotNumber: 'S1', status: 'RELEASED', onHand: 3, reserved: 0, available: 3 });
    await stock.putLot({ gtin: plenty, expiry: '2030-06-30', lotNumber: 'P1', status: 'RELEASED', onHand: 100, reserved: 0, available: 100 });
    const orderId = await approvedOrder([
      { gtin: plenty, quantity: 10 },
      { gtin: short, quantity: 5 },
    ]);
    const now = new Date('2026-11-25T10:00:00.000Z');

    const outcome = await allocate.allocateStep(orderId, now, noBackoff, threeDays);

    expect(outcome).toEqual({ outcome: 'WAIT', reason: `waiting for stock until 2026-11-28T10:00:00.000Z: line 2 (${short}) short by 2` });
    const order = await orders.getOrder(orderId);
    expect(order).toMatchObject({
      status: 'AWAITING_STOCK',
      awaitingStockSince: now.toISOString(),
      statusReason: outcome.outcome === 'WAIT' ? outcome.reason : '',
    });
    expect((await stock.reservationsOf(orderId)).filter((r) => r.status === 'RESERVED')).toEqual([]);
    expect((await stock.lotsOf(plenty))[0]).toMatchObject({ available: 100, reserved: 0 });
  });

  it('when stock arrives while it waits, then the next attempt allocates it and clears the shortage reason', async () => {
    const gtin = uniqueGtin();
    await givenProduct({ gtin });
    await stock.putLot({ gtin, expiry: '2030-06-30', lotNumber: 'W1', status: 'RELEASED', onHand: 1, reserved: 0, available: 1 });
    const orderId = await approvedOrder([{ gtin, quantity: 4 }]);
    expect(await allocate.allocateStep(orderId, new Date(), noBackoff, threeDays)).toMatchObject({ outcome: 'WAIT' });
    const second = await allocate.allocateStep(orderId, new Date(), noBackoff, threeDays);
    expect(second).toMatchObject({ outcome: 'WAIT' });
    // Still one shortage event: a repeated attempt does not rewrite the order.
    expect((await orders.getOrder(orderId)).version).toBe(2);

    await stock.putLot({ gtin, expiry: '2031-01-31', lotNumber: 'W2', status: 'RELEASED', onHand: 10, reserved: 0, available: 10 });
    expect(await allocate.allocateStep(orderId, new Date(), noBackoff, threeDays)).toEqual({ outcome: 'CONTINUE' });

    const order = await orders.getOrder(orderId);
    expect(order.status).toBe('ALLOCATED');
    expect(order.statusReason).toBeUndefined();
    expect(order.lines[0]?.allocations).toEqual([
      { lotNumber: 'W1', expiry: '2030-06-30', quantity: 1 },
      { lotNumber: 'W2', expiry: '2031-01-31', quantity: 3 },
    ]);
  });

  it('when a line it had reserved was given back on an earlier attempt, then the next attempt reserves that line again', async () => {
    const gtin = uniqueGtin();
    await givenProduct({ gtin });
    await stock.putLot({ gtin, expiry: '2030-06-30', lotNumber: 'R1', status: 'RELEASED', onHand: 10, reserved: 0, available: 10 });
    const orderId = await approvedOrder([{ gtin, quantity: 4 }]);
    // An earlier attempt reserved the line, lost a race on another line and gave everything back.
    expect(await stock.reserveLine(orderId, { lineNo: 1, gtin, picks: [{ lotNumber: 'R1', expiry: '2030-06-30', quantity: 4 }] })).toBe(true);
    expect(await allocate.releaseAll(orderId)).toBe(1);

    expect(await allocate.allocateStep(orderId, new Date(), noBackoff, threeDays)).toEqual({ outcome: 'CONTINUE' });
    expect((await stock.reservationsOf(orderId)).map(({ lineNo, status }) => [lineNo, status])).toEqual([[1, 'RESERVED']]);
    expect((await stock.lotsOf(gtin))[0]).toMatchObject({ available: 6, reserved: 4 });
    // Reserving a line that is still held is refused: the units are never taken twice.
    expect(await stock.reserveLine(orderId, { lineNo: 1, gtin, picks: [{ lotNumber: 'R1', expiry: '2030-06-30', quantity: 4 }] })).toBe(false);
    expect((await stock.lotsOf(gtin))[0]).toMatchObject({ available: 6, reserved: 4 });
  });

  it('when the waiting window is over and stock is still short, then the order is rejected naming how long it waited and what is missing', async () => {
    const gtin = uniqueGtin();
    await givenProduct({ gtin });
    const orderId = await approvedOrder([{ gtin, quantity: 2 }]);
    const firstShort = new Date('2026-11-20T08:00:00.000Z');
    expect(await allocate.allocateStep(orderId, firstShort, noBackoff, threeDays)).toMatchObject({ outcome: 'WAIT' });

    const afterWindow = new Date('2026-11-23T08:00:00.000Z');
    expect(await allocate.allocateStep(orderId, afterWindow, noBackoff, threeDays)).toEqual({
      outcome: 'REJECT',
      reason: `insufficient releasable stock after waiting 3 days: line 1 (${gtin}) short by 2`,
    });
  });
});
