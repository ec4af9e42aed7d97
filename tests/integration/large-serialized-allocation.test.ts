import { beforeAll, describe, expect, it } from 'vitest';
import { itemBytes, tallyDynamoDbRequests } from '../support/dynamodb-requests.js';
import { uniqueGtin, uniqueId } from '../support/fixtures.js';
import { givenApprovedOrder } from '../support/orders.js';
import { deployedStack, givenCustomer, givenProduct } from '../support/stack.js';

/**
 * Serialized order lines larger than one DynamoDB transaction (reservation
 * CLAIMING, serials claimed in chunks, one small commit), through the
 * Allocate step against the emulated table.
 */
describe('given serial-controlled stock received and released in large lots, against the emulated table', () => {
  deployedStack();
  let service: typeof import('../../shared/inventory/services/inventory.js');
  let inventory: typeof import('../../shared/inventory/data/inventory-repository.js');
  let stock: typeof import('../../shared/inventory/data/stock-repository.js');
  let allocate: typeof import('../../shared/inventory/services/allocate.js');
  let customerId: string;
  const actor = 'user:warehouse-test';
  const serials = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

  /** Receives and releases one lot of `count` serials. */
  async function givenReleasedLot(gtin: string, lotNumber: string, expiry: string, count: number): Promise<string[]> {
    const list = serials(lotNumber, count);
    const received = await service.receiveGoods(
      { supplierId: 'SUP-CATH', deliveryNote: uniqueId('DN'), lines: [{ gtin, lotNumber, expiry, serials: list }] },
      actor,
    );
    expect(received.result).toBe('RECEIVED');
    expect(await service.inspectLot(`${gtin}-${lotNumber}`, { result: 'PASS', notes: 'ok' }, 'user:quality-test')).toMatchObject({ result: 'CHANGED' });
    return list;
  }

  beforeAll(async () => {
    service = await import('../../shared/inventory/services/inventory.js');
    inventory = await import('../../shared/inventory/data/inventory-repository.js');
    stock = await import('../../shared/inventory/data/stock-repository.js');
    allocate = await import('../../shared/inventory/services/allocate.js');
    customerId = await givenCustomer();
  });

  it('when a line of 250 serialized units is allocated, then it takes the earliest-expiring lot first and reserves 250 distinct serials in one reservation', async () => {
    const gtin = uniqueGtin();
    await givenProduct({ gtin, serialControlled: true });
    const early = await givenReleasedLot(gtin, 'EARLY', '2029-01-31', 100);
    await givenReleasedLot(gtin, 'LATE', '2029-06-30', 200);
    const orderId = await givenApprovedOrder(customerId, [{ gtin, quantity: 250 }]);

    const tally = await tallyDynamoDbRequests();
    const started = performance.now();
    expect(await allocate.allocateStep(orderId)).toEqual({ outcome: 'CONTINUE' });
    const elapsed = Math.round(performance.now() - started);
    tally.stop();

    const [reservation] = await stock.reservationsOf(orderId);
    console.log(
      `250-unit serialized allocation: ${elapsed} ms, requests ${JSON.stringify(tally.requests)}, items in transactions ${tally.transactionItems}, reservation item ${itemBytes(reservation!)} bytes`,
    );
    expect(reservation).toMatchObject({ status: 'RESERVED', changedBy: 'system:allocate' });
    expect(reservation!.picks.map(({ lotNumber, quantity }) => [lotNumber, quantity])).toEqual([
      ['EARLY', 100],
      ['LATE', 150],
    ]);
    const reserved = reservation!.picks.flatMap((pick) => pick.serials ?? []);
    expect(new Set(reserved).size).toBe(250);
    expect(reservation!.picks[0]!.serials).toEqual(early);
    const units = await Promise.all(reserved.map((serial) => inventory.findSerial(gtin, serial)));
    for (const unit of units) expect(unit).toMatchObject({ status: 'RESERVED', orderId, lineNo: 1 });
    expect(Object.fromEntries((await stock.lotsOf(gtin)).map((lot) => [lot.lotNumber, [lot.available, lot.reserved]]))).toEqual({
      EARLY: [0, 100],
      LATE: [50, 150],
    });
    expect(await inventory.freeSerials(gtin, 'LATE', 500)).toHaveLength(50);

    // Given back (the order closed): every unit and serial returns.
    expect(await allocate.releaseAll(orderId)).toBe(1);
    expect((await stock.reservationsOf(orderId))[0]).toMatchObject({ status: 'RELEASED' });
    expect(Object.fromEntries((await stock.lotsOf(gtin)).map((lot) => [lot.lotNumber, lot.available]))).toEqual({ EARLY: 100, LATE: 200 });
    expect(await inventory.freeSerials(gtin, 'EARLY', 500)).toHaveLength(100);
    expect(await inventory.freeSerials(gtin, 'LATE', 500)).toHaveLength(200);
  });

  it('when three orders of 120 serialized units allocate at once on 300 units, then two win with disjoint serials and the third holds nothing', async () => {
    const gtin = uniqueGtin();
    await givenProduct({ gtin, serialControlled: true });
    const all = await givenReleasedLot(gtin, 'HOT', '2029-03-31', 300);
    const orderIds = await Promise.all([1, 2, 3].map(() => givenApprovedOrder(customerId, [{ gtin, quantity: 120 }])));

    const outcomes = await Promise.all(orderIds.map((orderId) => allocate.allocateStep(orderId)));
    const winners = orderIds.filter((_, index) => outcomes[index]!.outcome === 'CONTINUE');
    const losers = orderIds.filter((_, index) => outcomes[index]!.outcome !== 'CONTINUE');
    expect(winners).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome.outcome === 'REJECT')).toEqual([
      { outcome: 'REJECT', reason: `insufficient releasable stock: line 1 (${gtin}) short by 60` },
    ]);

    const held = await Promise.all(winners.map(async (orderId) => (await stock.reservationsOf(orderId))[0]!));
    const taken = held.flatMap((reservation) => reservation.picks.flatMap((pick) => pick.serials ?? []));
    expect(held.every((reservation) => reservation.status === 'RESERVED')).toBe(true);
    expect(taken).toHaveLength(240);
    expect(new Set(taken).size).toBe(240);
    for (const reservation of held) {
      const units = await Promise.all(reservation.picks[0]!.serials!.map((serial) => inventory.findSerial(gtin, serial)));
      for (const unit of units) expect(unit).toMatchObject({ status: 'RESERVED', orderId: reservation.orderId });
    }
    for (const orderId of losers) expect((await stock.reservationsOf(orderId)).filter((reservation) => reservation.status !== 'RELEASED')).toEqual([]);
    expect(await stock.lotsOf(gtin)).toEqual([expect.objectContaining({ onHand: 300, reserved: 240, available: 60 })]);
    const free = await inventory.freeSerials(gtin, 'HOT', 500);
    expect(free).toHaveLength(60);
    expect([...free, ...taken].sort()).toEqual(all);
  });

  it('when a large line crashed while claiming its serials, then the next Allocate of the order undoes the claims and allocates it', async () => {
    const gtin = uniqueGtin();
    await givenProduct({ gtin, serialControlled: true });
    const all = await givenReleasedLot(gtin, 'CRASH', '2029-04-30', 150);
    const orderId = await givenApprovedOrder(customerId, [{ gtin, quantity: 120 }]);
    const { ReservationEntity } = await import('../../shared/inventory/data/stock-entities.js');
    const { PutItemCommand } = await import('dynamodb-toolbox/entity/actions/put');
    const { claimLineSerials } = await import('../../shared/inventory/data/serial-claims.js');
    // The crashed attempt: CLAIMING written with the 120 highest serials, 50 of them claimed.
    const picks = [{ lotNumber: 'CRASH', expiry: '2029-04-30', quantity: 120, serials: all.slice(30) }];
    await ReservationEntity.build(PutItemCommand).item({ orderId, lineNo: 1, gtin, picks, status: 'CLAIMING' }).send();
    await claimLineSerials(
      { orderId, lineNo: 1, gtin, picks: [{ ...picks[0]!, serials: all.slice(100) }] },
      { changedBy: 'system:allocate', changeReason: 'test' },
    );
    expect(await inventory.freeSerials(gtin, 'CRASH', 500)).toHaveLength(100);

    expect(await allocate.allocateStep(orderId)).toEqual({ outcome: 'CONTINUE' });
    const [reservation] = await stock.reservationsOf(orderId);
    expect(reservation).toMatchObject({ status: 'RESERVED' });
    expect(reservation!.picks[0]!.serials).toEqual(all.slice(0, 120));
    const free = await inventory.freeSerials(gtin, 'CRASH', 500);
    expect(free).toEqual(all.slice(120));
    expect(await stock.lotsOf(gtin)).toEqual([expect.objectContaining({ reserved: 120, available: 30 })]);
  });
});
