import { beforeAll, describe, expect, it } from 'vitest';
import * as allocate from '../../shared/inventory/services/allocate.js';
import * as inventory from '../../shared/inventory/data/inventory-repository.js';
import * as stock from '../../shared/inventory/data/stock-repository.js';
import * as orders from '../../shared/orders/data/order-repository.js';
import { newReceiptId } from '../../shared/platform/domain/ids.js';
import { uniqueGtin, uniqueId } from '../support/fixtures.js';
import { givenApprovedOrder } from '../support/orders.js';
import { deployedStack, givenCustomer, givenProduct } from '../support/stack.js';

/**
 * The allocation step itself (FEFO planning, conditional reservations,
 * backoff and re-planning, release on shortage) run many times at once in
 * this process against the emulated table: the data and service layers under
 * contention, without 200 Lambdas.
 */
describe('given a hot product with one released lot of 150 units, against the emulated table', () => {
  deployedStack();
  const hot = uniqueGtin();
  const plentiful = uniqueGtin();
  let customerId: string;

  const placeApprovedOrder = (lines: { gtin: string; quantity: number }[]) => givenApprovedOrder(customerId, lines);

  beforeAll(async () => {
    customerId = await givenCustomer();
    await givenProduct({ gtin: hot });
    await givenProduct({ gtin: plentiful });
    await stock.putLot({ gtin: hot, expiry: '2030-06-30', lotNumber: 'HOT1', status: 'RELEASED', onHand: 150, reserved: 0, available: 150 });
    await stock.putLot({ gtin: plentiful, expiry: '2030-06-30', lotNumber: 'PLENTY', status: 'RELEASED', onHand: 1000, reserved: 0, available: 1000 });
  });

  it('when 200 two-line orders allocate at once, then exactly 150 are allocated, 50 are not, stock never goes negative and no order is half-allocated', async () => {
    const orderIds = await Promise.all(
      Array.from({ length: 200 }, () =>
        placeApprovedOrder([
          { gtin: hot, quantity: 1 },
          { gtin: plentiful, quantity: 1 },
        ]),
      ),
    );

    let lowestSeen = Number.POSITIVE_INFINITY;
    let running = true;
    const watcher = (async () => {
      while (running) {
        const [lot] = await stock.lotsOf(hot);
        lowestSeen = Math.min(lowestSeen, lot!.available);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const outcomes = await Promise.all(orderIds.map((orderId) => allocate.allocateStep(orderId)));
    running = false;
    await watcher;

    const allocated = outcomes.filter((outcome) => outcome.outcome === 'CONTINUE');
    const refused = outcomes.filter((outcome) => outcome.outcome === 'REJECT');
    expect(allocated).toHaveLength(150);
    expect(refused).toHaveLength(50);
    for (const outcome of refused)
      expect(outcome).toEqual({ outcome: 'REJECT', reason: expect.stringMatching(/^insufficient releasable stock: line 1 \(\d{14}\) short by 1$/) });
    expect(lowestSeen).toBeGreaterThanOrEqual(0);

    const [hotLot] = await stock.lotsOf(hot);
    expect(hotLot).toMatchObject({ onHand: 150, reserved: 150, available: 0 });
    const [plentyLot] = await stock.lotsOf(plentiful);
    expect(plentyLot).toMatchObject({ onHand: 1000, reserved: 150, available: 850 });

    for (const [index, orderId] of orderIds.entries()) {
      const held = (await stock.reservationsOf(orderId)).filter((reservation) => reservation.status === 'RESERVED').map((reservation) => reservation.lineNo);
      const order = await orders.getOrder(orderId);
      if (outcomes[index]!.outcome === 'CONTINUE') {
        expect(held.sort(), orderId).toEqual([1, 2]);
        expect(order.status).toBe('ALLOCATED');
      } else {
        expect(held, orderId).toEqual([]);
        expect(order.status).toBe('APPROVED');
      }
    }
  }, 240_000);

  it('when 200 orders race for 150 units spread over three lots, then stale plans are retried with backoff and still exactly 150 win, earliest lot first', async () => {
    const gtin = uniqueGtin();
    await givenProduct({ gtin: gtin });
    for (const [lotNumber, expiry] of [
      ['A', '2030-01-31'],
      ['B', '2030-02-28'],
      ['C', '2030-03-31'],
    ] as const) {
      await stock.putLot({ gtin, expiry, lotNumber, status: 'RELEASED', onHand: 50, reserved: 0, available: 50 });
    }
    const orderIds = await Promise.all(Array.from({ length: 200 }, () => placeApprovedOrder([{ gtin, quantity: 1 }])));
    let backoffs = 0;
    const deps = {
      sleep: async (ms: number) => {
        backoffs += 1;
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
      random: Math.random,
    };
    const outcomes = await Promise.all(orderIds.map((orderId) => allocate.allocateStep(orderId, new Date(), deps)));
    expect(outcomes.filter((outcome) => outcome.outcome === 'CONTINUE')).toHaveLength(150);
    const reasons = new Set(outcomes.flatMap((outcome) => (outcome.outcome === 'REJECT' ? [outcome.reason] : [])));
    expect([...reasons]).toEqual([`insufficient releasable stock: line 1 (${gtin}) short by 1`]);
    expect((await stock.lotsOf(gtin)).map(({ lotNumber, available, reserved }) => [lotNumber, available, reserved])).toEqual([
      ['A', 0, 50],
      ['B', 0, 50],
      ['C', 0, 50],
    ]);
    // Orders that planned on a lot just emptied by others backed off and re-planned instead of failing.
    expect(backoffs).toBeGreaterThan(0);
    console.log(`three-lot race: ${backoffs} backoffs before 150 allocations settled`);
  }, 240_000);

  it('when a lot is held while orders wait, then nothing more is allocated from it and the order is refused', async () => {
    const gtin = uniqueGtin();
    await givenProduct({ gtin: gtin });
    await stock.putLot({ gtin, expiry: '2030-06-30', lotNumber: 'HELD', status: 'ON_HOLD', onHand: 10, reserved: 0, available: 10 });
    const orderId = await placeApprovedOrder([{ gtin, quantity: 1 }]);
    expect(await allocate.allocateStep(orderId)).toEqual({ outcome: 'REJECT', reason: `insufficient releasable stock: line 1 (${gtin}) short by 1` });
  });

  describe('given a serial-controlled product with five serials in stock', () => {
    const gtin = uniqueGtin();
    const serials = ['SN-A', 'SN-B', 'SN-C', 'SN-D', 'SN-E'];

    beforeAll(async () => {
      await givenProduct({ gtin, serialControlled: true });
      const receiptId = newReceiptId();
      await inventory.recordReceipt({
        receiptId,
        supplierId: 'SUP-TEST',
        deliveryNote: uniqueId('DN'),
        receivedAt: new Date().toISOString(),
        receivedBy: 'user:test',
        lots: [{ gtin, lotNumber: 'SER1', expiry: '2030-06-30', quantity: 5, serials, serialControlled: true }],
      });
      await inventory.changeLotStatus({
        gtin,
        lotNumber: 'SER1',
        expiry: '2030-06-30',
        from: 'QUARANTINED',
        to: 'RELEASED',
        event: { type: 'INSPECTION_PASSED', eventId: 'test', at: new Date().toISOString(), actor: 'user:test', notes: 'ok' },
      });
    });

    it('when 8 orders of one unit allocate at once, then 5 win with five different serials, and shipping and releasing move the serials', async () => {
      const orderIds = await Promise.all(Array.from({ length: 8 }, () => placeApprovedOrder([{ gtin, quantity: 1 }])));
      const outcomes = await Promise.all(orderIds.map((orderId) => allocate.allocateStep(orderId)));
      const winners = orderIds.filter((_, index) => outcomes[index]!.outcome === 'CONTINUE');
      expect(winners).toHaveLength(5);

      const picked = await Promise.all(winners.map(async (orderId) => (await stock.reservationsOf(orderId))[0]!));
      const pickedSerials = picked.flatMap((reservation) => reservation.picks.flatMap((pick) => pick.serials ?? []));
      expect(pickedSerials.sort()).toEqual(serials);
      for (const reservation of picked) {
        const serial = reservation.picks[0]!.serials![0]!;
        expect(await inventory.findSerial(gtin, serial)).toMatchObject({ status: 'RESERVED', orderId: reservation.orderId, lineNo: 1 });
      }
      expect(await inventory.freeSerials(gtin, 'SER1', 10)).toEqual([]);

      const [shipped, released] = picked;
      await stock.shipReservation(shipped!, { customerId: 'CUST-SERIAL', shippedAt: '2026-11-25T10:00:00.000Z' });
      expect(await inventory.findSerial(gtin, shipped!.picks[0]!.serials![0]!)).toMatchObject({ status: 'SHIPPED', customerId: 'CUST-SERIAL' });
      await stock.releaseReservation(released!);
      const back = released!.picks[0]!.serials![0]!;
      expect(await inventory.findSerial(gtin, back)).toMatchObject({ status: 'IN_STOCK' });
      expect(await inventory.freeSerials(gtin, 'SER1', 10)).toEqual([back]);
    });
  });
});
