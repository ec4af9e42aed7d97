import { beforeAll, describe, expect, it } from 'vitest';
import { itemBytes, tallyDynamoDbRequests } from '../support/dynamodb-requests.js';
import { uniqueGtin, uniqueId } from '../support/fixtures.js';
import { deployedStack, givenProduct } from '../support/stack.js';

/**
 * Receipts larger than one DynamoDB transaction (claim the delivery and the
 * serials, commit the lots, publish the serials), run through the receiving
 * service against the emulated table.
 */
describe('given serial-controlled deliveries larger than one transaction, against the emulated table', () => {
  deployedStack();
  let service: typeof import('../../shared/inventory/services/inventory.js');
  let inventory: typeof import('../../shared/inventory/data/inventory-repository.js');
  let steps: typeof import('../../shared/inventory/data/chunked-receipt-repository.js');
  let limits: typeof import('../../shared/inventory/domain/transaction-limits.js');
  const gtin = uniqueGtin();
  const actor = 'user:warehouse-test';
  const serials = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
  const request = (lotNumber: string, list: string[], deliveryNote = uniqueId('DN')) => ({
    supplierId: 'SUP-PUMPS',
    deliveryNote,
    lines: [{ gtin, lotNumber, expiry: '2030-06-30', serials: list }],
  });

  beforeAll(async () => {
    service = await import('../../shared/inventory/services/inventory.js');
    inventory = await import('../../shared/inventory/data/inventory-repository.js');
    steps = await import('../../shared/inventory/data/chunked-receipt-repository.js');
    limits = await import('../../shared/inventory/domain/transaction-limits.js');
    await givenProduct({ gtin, serialControlled: true });
  });

  const lotOf = (lotNumber: string) => inventory.findStockLot(gtin, '2030-06-30', lotNumber);
  const existing = async (list: string[]) => (await Promise.all(list.map((serial) => inventory.findSerial(gtin, serial)))).filter((unit) => unit !== undefined);

  it('when 500 serials are received in one receipt, then it succeeds and every serial exists once, in stock, under that receipt', async () => {
    const lotNumber = `P${uniqueId('L').slice(-8)}`;
    const list = serials(lotNumber, 500);
    const body = request(lotNumber, list);
    const tally = await tallyDynamoDbRequests();
    const started = performance.now();
    const outcome = await service.receiveGoods(body, actor);
    const elapsed = performance.now() - started;
    tally.stop();
    console.log(`500-serial receipt: ${Math.round(elapsed)} ms, requests ${JSON.stringify(tally.requests)}, items in transactions ${tally.transactionItems}`);
    expect(outcome.result).toBe('RECEIVED');
    if (outcome.result !== 'RECEIVED') return;
    const receiptId = outcome.receipt.receiptId;
    expect(outcome.receipt.lots).toEqual([expect.objectContaining({ lotNumber, quantity: 500, status: 'QUARANTINED' })]);

    const units = await existing(list);
    expect(units).toHaveLength(500);
    for (const unit of units) expect(unit).toMatchObject({ status: 'IN_STOCK', receiptId, lotNumber, changedBy: actor });
    expect(new Set(units.map((unit) => unit.serial)).size).toBe(500);
    expect(await lotOf(lotNumber)).toMatchObject({ status: 'QUARANTINED', onHand: 500, available: 500, reserved: 0, changedBy: actor });
    expect((await lotOf(lotNumber))?.receiving?.size ?? 0).toBe(0);
    expect(await inventory.freeSerials(gtin, lotNumber, 1_000)).toHaveLength(500);
    const history = await inventory.lotHistory(gtin, lotNumber);
    expect(history.receipts).toEqual([expect.objectContaining({ receiptId, quantity: 500, changedBy: actor })]);
    const { DeliveryReceiptEntity } = await import('../../shared/inventory/data/inventory-entities.js');
    const { GetItemCommand } = await import('dynamodb-toolbox/entity/actions/get');
    const { Item: delivery } = await DeliveryReceiptEntity.build(GetItemCommand).key({ supplierId: 'SUP-PUMPS', deliveryNote: body.deliveryNote }).send();
    console.log(
      `item bytes: serial ${itemBytes(units[0]!)}, lot receipt ${itemBytes(history.receipts[0]!)}, stock lot ${itemBytes((await lotOf(lotNumber))!)}${delivery ? `, delivery ${itemBytes(delivery)}` : ''}`,
    );
  });

  it('when two receipts sharing one serial run at once, then exactly one succeeds and the other leaves nothing behind', async () => {
    const lotA = `A${uniqueId('L').slice(-8)}`;
    const lotB = `B${uniqueId('L').slice(-8)}`;
    const shared = `SHARED-${uniqueId('S').slice(-8)}`;
    const first = [...serials(lotA, 150), shared];
    const second = [shared, ...serials(lotB, 150)];
    const outcomes = await Promise.all([service.receiveGoods(request(lotA, first), actor), service.receiveGoods(request(lotB, second), actor)]);
    const won = outcomes.filter((outcome) => outcome.result === 'RECEIVED');
    const lost = outcomes.flatMap((outcome) => (outcome.result === 'REFUSED' ? [outcome] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reasons).toEqual([`GTIN ${gtin} serial ${shared} has already been received; each serial exists once`]);

    const winnerIsA = outcomes[0]!.result === 'RECEIVED';
    const [winnerLot, winnerSerials, loserLot, loserSerials] = winnerIsA ? [lotA, first, lotB, second] : [lotB, second, lotA, first];
    expect(await existing(winnerSerials)).toHaveLength(151);
    expect(await existing(loserSerials.filter((serial) => serial !== shared))).toEqual([]);
    expect(await lotOf(winnerLot)).toMatchObject({ onHand: 151 });
    expect(await lotOf(loserLot)).toBeUndefined();
    expect((await inventory.lotHistory(gtin, loserLot)).receipts).toEqual([]);
  });

  it('when a receipt crashed between chunks of claims and is sent again, then it resumes under its first receipt id and completes without duplicates', async () => {
    const lotNumber = `C${uniqueId('L').slice(-8)}`;
    const list = serials(lotNumber, 300);
    const body = request(lotNumber, list);
    const now = new Date();
    const lots = [{ gtin, lotNumber, expiry: '2030-06-30', quantity: 300, serials: list, serialControlled: true }];
    const crashed = {
      receiptId: `RCP-CRASHED-${uniqueId('R').slice(-8)}`,
      supplierId: body.supplierId,
      deliveryNote: body.deliveryNote,
      receivedAt: now.toISOString(),
      receivedBy: actor,
      lots,
      fingerprint: limits.receiptFingerprint(lots),
      claimExpiresAt: limits.claimExpiresAt(now),
    };
    // The first attempt claimed the delivery and the first 100 serials, then died.
    await steps.claimDelivery(crashed, now);
    expect(await steps.claimSerials({ ...crashed, lots: [{ ...lots[0]!, serials: list.slice(0, 100) }] }, now)).toEqual([]);
    expect(await lotOf(lotNumber)).toBeUndefined(); // nothing visible yet
    expect(await inventory.freeSerials(gtin, lotNumber, 10)).toEqual([]);

    const retried = await service.receiveGoods(body, actor);
    expect(retried).toMatchObject({ result: 'RECEIVED', receipt: { receiptId: crashed.receiptId } });
    const units = await existing(list);
    expect(units).toHaveLength(300);
    for (const unit of units) expect(unit).toMatchObject({ status: 'IN_STOCK', receiptId: crashed.receiptId });
    expect(await lotOf(lotNumber)).toMatchObject({ onHand: 300, available: 300 });

    // A third attempt finds it received: refused, stock unchanged.
    expect(await service.receiveGoods(body, actor)).toEqual({ result: 'DUPLICATE_DELIVERY', existingReceiptId: crashed.receiptId });
    expect(await lotOf(lotNumber)).toMatchObject({ onHand: 300 });
    expect((await inventory.lotHistory(gtin, lotNumber)).receipts).toHaveLength(1);
  });

  it('when a receipt crashed after its commit, before its serials were published, then the quality release finishes it first', async () => {
    const lotNumber = `D${uniqueId('L').slice(-8)}`;
    const list = serials(lotNumber, 120);
    const now = new Date();
    const lots = [{ gtin, lotNumber, expiry: '2030-06-30', quantity: 120, serials: list, serialControlled: true }];
    const receipt = {
      receiptId: `RCP-COMMITTED-${uniqueId('R').slice(-8)}`,
      supplierId: 'SUP-PUMPS',
      deliveryNote: uniqueId('DN'),
      receivedAt: now.toISOString(),
      receivedBy: actor,
      lots,
      fingerprint: limits.receiptFingerprint(lots),
      claimExpiresAt: limits.claimExpiresAt(now),
    };
    await steps.claimDelivery(receipt, now);
    expect(await steps.claimSerials(receipt, now)).toEqual([]);
    await steps.commitReceipt(receipt);
    expect(await lotOf(lotNumber)).toMatchObject({ onHand: 120, receiving: new Set([receipt.receiptId]) });
    expect(await inventory.freeSerials(gtin, lotNumber, 200)).toEqual([]); // counted, but not allocatable: quarantined and unpublished

    const released = await service.inspectLot(`${gtin}-${lotNumber}`, { result: 'PASS', notes: 'certificate checked' }, 'user:quality-test');
    expect(released).toMatchObject({ result: 'CHANGED', lot: { status: 'RELEASED', available: 120 } });
    expect((await lotOf(lotNumber))?.receiving?.size ?? 0).toBe(0);
    expect(await inventory.freeSerials(gtin, lotNumber, 200)).toHaveLength(120);
  });

  it('when an unfinished receipt’s claims have expired, then another receipt of one of its serials abandons it and succeeds', async () => {
    const lotNumber = `E${uniqueId('L').slice(-8)}`;
    const list = serials(lotNumber, 110);
    const past = new Date(Date.now() - 60 * 60 * 1000);
    const lots = [{ gtin, lotNumber, expiry: '2030-06-30', quantity: 110, serials: list, serialControlled: true }];
    const dead = {
      receiptId: `RCP-DEAD-${uniqueId('R').slice(-8)}`,
      supplierId: 'SUP-PUMPS',
      deliveryNote: uniqueId('DN'),
      receivedAt: past.toISOString(),
      receivedBy: actor,
      lots,
      fingerprint: limits.receiptFingerprint(lots),
      claimExpiresAt: limits.claimExpiresAt(past, 60),
    };
    await steps.claimDelivery(dead, past);
    await steps.claimSerials(dead, past);

    const outcome = await service.receiveGoods(request(lotNumber, list), actor);
    expect(outcome.result).toBe('RECEIVED');
    const units = await existing(list);
    expect(units.every((unit) => unit.status === 'IN_STOCK' && unit.receiptId !== dead.receiptId)).toBe(true);
    expect(await lotOf(lotNumber)).toMatchObject({ onHand: 110 });
    // The dead receipt's delivery note is free again.
    expect(
      await service.receiveGoods(
        {
          supplierId: dead.supplierId,
          deliveryNote: dead.deliveryNote,
          lines: [{ gtin, lotNumber: `F${lotNumber.slice(1)}`, expiry: '2030-06-30', serials: serials(`F${lotNumber}`, 2) }],
        },
        actor,
      ),
    ).toMatchObject({ result: 'RECEIVED' });
  });
});
