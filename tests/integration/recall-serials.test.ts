import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { beforeAll, describe, expect, it } from 'vitest';
import { newRecallAckId, newRecallId } from '../../shared/platform/domain/ids.js';
import { sesBounce, sesComplaint, sesDelivery } from '../support/ses-events.js';
import { uniqueGtin, uniqueId } from '../support/fixtures.js';
import { deployedStack } from '../support/stack.js';

const EXPIRY = '2029-06-30';

describe('given serialized units of a released lot in the emulated table', () => {
  deployedStack();
  const gtin = uniqueGtin();
  const lot = 'SL1';
  const recallId = newRecallId();
  let stock: typeof import('../../shared/inventory/data/stock-repository.js');
  let inventory: typeof import('../../shared/inventory/data/inventory-repository.js');
  let holds: typeof import('../../shared/inventory/data/serial-hold-repository.js');
  const lotOf = async () => (await stock.lotsOf(gtin)).find((candidate) => candidate.lotNumber === lot)!;

  beforeAll(async () => {
    stock = await import('../../shared/inventory/data/stock-repository.js');
    inventory = await import('../../shared/inventory/data/inventory-repository.js');
    holds = await import('../../shared/inventory/data/serial-hold-repository.js');
    const { SerialEntity, inStockLotKey } = await import('../../shared/inventory/data/inventory-entities.js');
    await stock.putLot({ gtin, expiry: EXPIRY, lotNumber: lot, status: 'RELEASED', onHand: 3, reserved: 0, available: 3 });
    for (const serial of ['S1', 'S2', 'S3']) {
      await SerialEntity.build(PutItemCommand)
        .item({
          gtin,
          serial,
          lotNumber: lot,
          expiry: EXPIRY,
          status: 'IN_STOCK',
          receiptId: 'RCPT-1',
          inStockLot: inStockLotKey(gtin, lot),
          inStockSort: serial,
        })
        .send();
    }
  });

  it('when a unit in stock and a reserved one are held, then neither can be allocated or shipped, and the rest of the lot stays available', async () => {
    const reservation = { lineNo: 1, gtin, picks: [{ lotNumber: lot, expiry: EXPIRY, quantity: 1, serials: ['S2'] }] };
    expect(await stock.reserveLine('ORD-SERIAL-X', reservation)).toBe(true);

    expect(await holds.holdSerial(gtin, 'S1', recallId, 'test recall')).toMatchObject({ previousStatus: 'IN_STOCK', status: 'ON_HOLD' });
    expect(await holds.holdSerial(gtin, 'S2', recallId, 'test recall')).toMatchObject({ previousStatus: 'RESERVED', status: 'RESERVED_ON_HOLD' });
    expect(await lotOf()).toMatchObject({ status: 'RELEASED', onHand: 3, reserved: 1, available: 1 });
    expect(await inventory.findSerial(gtin, 'S1')).toMatchObject({ recallHold: recallId, changedBy: 'system:recall-contain', changeReason: 'test recall' });

    expect(await stock.reserveLine('ORD-SERIAL-Y', { lineNo: 1, gtin, picks: [{ lotNumber: lot, expiry: EXPIRY, quantity: 1, serials: ['S1'] }] })).toBe(false);
    const [held] = (await stock.reservationsOf('ORD-SERIAL-X')).filter((r) => r.status === 'RESERVED');
    await expect(stock.shipReservation(held!, { customerId: 'CUST-X', shippedAt: new Date().toISOString() })).rejects.toBeInstanceOf(
      stock.LotNotShippableError,
    );
    expect(await inventory.findSerial(gtin, 'S2')).toMatchObject({ status: 'RESERVED' });
    // The unit not recalled is still sold.
    expect(await stock.reserveLine('ORD-SERIAL-Z', { lineNo: 1, gtin, picks: [{ lotNumber: lot, expiry: EXPIRY, quantity: 1, serials: ['S3'] }] })).toBe(true);
  });

  it('when the stopped order gives its held unit back and the hold runs again, then the unit leaves stock once; holding again changes nothing', async () => {
    const [held] = (await stock.reservationsOf('ORD-SERIAL-X')).filter((r) => r.status === 'RESERVED');
    expect(await stock.releaseReservation(held!)).toBe(true);
    expect(await holds.holdSerial(gtin, 'S2', recallId, 'test recall')).toMatchObject({ status: 'ON_HOLD' });
    expect(await holds.holdSerial(gtin, 'S2', recallId, 'test recall')).toMatchObject({ status: 'ON_HOLD' });
    expect(await holds.holdSerial(gtin, 'S1', recallId, 'test recall')).toMatchObject({ status: 'ON_HOLD' });
    // 3 on hand: S3 reserved by Z, S1 and S2 held.
    expect(await lotOf()).toMatchObject({ onHand: 3, reserved: 1, available: 0 });
    expect(await inventory.freeSerials(gtin, lot, 10)).toEqual([]);
  });
});

describe('given a sent recall letter in the emulated table', () => {
  deployedStack();
  const recallId = newRecallId();
  const customerId = uniqueId('CUST');
  const messageId = `ses-${uniqueId('M')}`;
  const to = 'ward@example.test';
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, seconds)).toISOString();
  let recalls: typeof import('../../shared/recalls/data/recall-repository.js');
  let reports: typeof import('../../shared/recalls/services/letter-events.js');
  let parse: typeof import('../../shared/recalls/schemas/ses-events.js').parseSesMessage;
  const letter = async () => (await recalls.findConsignee(recallId, customerId))!;

  beforeAll(async () => {
    recalls = await import('../../shared/recalls/data/recall-repository.js');
    reports = await import('../../shared/recalls/services/letter-events.js');
    parse = (await import('../../shared/recalls/schemas/ses-events.js')).parseSesMessage;
    await recalls.putConsigneeOnce({
      recallId,
      customerId,
      legalName: 'Ward hospital',
      contactEmail: to,
      quantity: 1,
      quantityByLot: { L1: 1 },
      shipments: [],
      ackId: newRecallAckId(),
      letterStatus: 'PENDING',
      changedBy: 'system:recall-notify',
    });
    await recalls.recordLetter(recallId, customerId, { status: 'SENT', messageId, at: at(0) });
  });

  it('when the delivery report comes twice, then it is recorded once', async () => {
    expect(await reports.recordLetterReport(parse(sesDelivery(messageId, to, at(2)))!)).toMatchObject({ result: 'RECORDED', status: 'DELIVERED' });
    expect(await reports.recordLetterReport(parse(sesDelivery(messageId, to, at(2)))!)).toMatchObject({ result: 'IGNORED' });
    expect(await letter()).toMatchObject({ letterStatus: 'DELIVERED', letterEventAt: at(2), changedBy: 'system:recall-letter-events' });
  });

  it('when an older bounce arrives after the delivery, then the delivery stands', async () => {
    expect(await reports.recordLetterReport(parse(sesBounce(messageId, to, at(1)))!)).toMatchObject({ result: 'IGNORED' });
    expect((await letter()).letterStatus).toBe('DELIVERED');
  });

  it('when a later bounce and a complaint race, then the letter ends COMPLAINED whichever wins', async () => {
    const outcomes = await Promise.all([
      reports.recordLetterReport(parse(sesBounce(messageId, to, at(5)))!),
      reports.recordLetterReport(parse(sesComplaint(messageId, to, at(5)))!),
    ]);
    expect(outcomes.some((outcome) => outcome.result === 'RECORDED')).toBe(true);
    expect(await letter()).toMatchObject({ letterStatus: 'COMPLAINED' });
  });

  it('when a report names a message that is no recall letter, then nothing is written', async () => {
    expect(await reports.recordLetterReport(parse(sesDelivery('not-a-letter', to, at(9)))!)).toMatchObject({ result: 'IGNORED' });
  });
});
