import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { DeleteTransaction } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { $add, $delete, $remove, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import { isClaimExpired } from '../domain/transaction-limits.js';
import { DeliveryReceiptEntity, inStockLotKey, LotReceiptEntity, SerialEntity } from './inventory-entities.js';
import { StockLotEntity } from './stock-entities.js';
import { cancellationCodes, conditionHeld, isConditionFailure } from '../../platform/data/errors.js';
import { DuplicateDeliveryError, lotReceiptWrites, ReceiptRefusedError, type ReceiptRecord } from './inventory-repository.js';
import { transactChunks } from '../../platform/data/transact-chunks.js';

/**
 * A receipt too large for one transaction, written in steps keyed by its
 * receipt id (access-patterns.md, "Receipts and serialized lines larger than
 * one transaction"):
 *
 * 1. claim the delivery note as PENDING (with the serials and a fingerprint);
 * 2. claim every serial as RECEIVING (put if absent or already ours), in
 *    transactions of 100 (few requests; a crash leaves whole chunks);
 * 3. commit: one small transaction turns the delivery COMMITTED and writes
 *    per lot the counters, registry, receipt and event: from here readers see
 *    the stock, and the lot notes the receipt under `receiving`;
 * 4. publish: the serials become IN_STOCK (on the free-serial index) and the
 *    lot forgets the receipt.
 *
 * Each step is safe to repeat: a retry of the same delivery with the same
 * content resumes under the same receipt id. A conflict undoes this receipt's
 * claims. The lot is QUARANTINED while any of this happens (new goods only
 * join a quarantined lot), so none of it is allocatable before a quality
 * release, and a release first finishes step 4 (finishPublishing).
 */
export interface ChunkedReceipt extends ReceiptRecord {
  fingerprint: string;
  claimExpiresAt: string;
}

/** The delivery note is being received by another, unfinished receipt with other content. */
export class DeliveryInProgressError extends Error {
  override name = 'DeliveryInProgressError';
  constructor(readonly receiptId: string) {
    super(`this delivery note is being received right now as ${receiptId} with other content`);
  }
}

const reasonOf = (receipt: ChunkedReceipt) => `receipt ${receipt.receiptId} of delivery note ${receipt.deliveryNote} (supplier ${receipt.supplierId})`;

type DeliveryRecord = NonNullable<Awaited<ReturnType<typeof readDelivery>>>;

async function readDelivery(supplierId: string, deliveryNote: string) {
  const { Item } = await DeliveryReceiptEntity.build(GetItemCommand).key({ supplierId, deliveryNote }).options({ consistent: true }).send();
  return Item;
}

export type DeliveryClaim = { kind: 'CLAIMED'; receiptId: string; receivedAt: string } | { kind: 'COMMITTED'; delivery: DeliveryRecord };

/**
 * Step 1. A new delivery is claimed for this receipt; the same delivery with
 * the same content, still PENDING, is resumed under its first receipt id (its
 * claims renewed); a committed one is reported as such. A PENDING one with
 * other content is abandoned once its claims expired, else refused.
 */
export async function claimDelivery(receipt: ChunkedReceipt, now: Date): Promise<DeliveryClaim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await DeliveryReceiptEntity.build(PutItemCommand)
        .item({
          supplierId: receipt.supplierId,
          deliveryNote: receipt.deliveryNote,
          receiptId: receipt.receiptId,
          receivedAt: receipt.receivedAt,
          receivedBy: receipt.receivedBy,
          lots: receipt.lots.map(({ gtin, lotNumber, expiry, quantity, serials }) => ({ gtin, lotNumber, expiry, quantity, serials })),
          state: 'PENDING',
          fingerprint: receipt.fingerprint,
          claimExpiresAt: receipt.claimExpiresAt,
          changedBy: receipt.receivedBy,
          changeReason: reasonOf(receipt),
        })
        .options({ condition: { attr: 'receiptId', exists: false } })
        .send();
      return { kind: 'CLAIMED', receiptId: receipt.receiptId, receivedAt: receipt.receivedAt };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await readDelivery(receipt.supplierId, receipt.deliveryNote);
    if (!existing) continue;
    if (existing.state !== 'PENDING') return { kind: 'COMMITTED', delivery: existing };
    if (existing.fingerprint === receipt.fingerprint) {
      const renewed = await renewDelivery(existing.supplierId, existing.deliveryNote, existing.receiptId, receipt.claimExpiresAt);
      if (renewed) return { kind: 'CLAIMED', receiptId: existing.receiptId, receivedAt: existing.receivedAt };
      continue;
    }
    if (!isClaimExpired(existing.claimExpiresAt, now)) throw new DeliveryInProgressError(existing.receiptId);
    if (!(await abandonDelivery(existing, now))) throw new DeliveryInProgressError(existing.receiptId);
  }
  throw new DeliveryInProgressError('unknown');
}

async function renewDelivery(supplierId: string, deliveryNote: string, receiptId: string, claimExpiresAt: string): Promise<boolean> {
  return conditionHeld(
    DeliveryReceiptEntity.build(UpdateItemCommand)
      .item({ supplierId, deliveryNote, claimExpiresAt })
      .options({
        condition: {
          and: [
            { attr: 'state', eq: 'PENDING' },
            { attr: 'receiptId', eq: receiptId },
          ],
        },
      })
      .send(),
  );
}

/**
 * Gives up an unfinished receipt whose claims expired: its delivery claim goes
 * first (so it can never commit), then its serial claims. A crash in between
 * leaves expired claims of a receipt without a delivery claim, which the next
 * receipt meeting one of them removes (releaseExpiredClaim).
 */
async function abandonDelivery(delivery: DeliveryRecord, now: Date): Promise<boolean> {
  try {
    await DeliveryReceiptEntity.build(DeleteItemCommand)
      .key({ supplierId: delivery.supplierId, deliveryNote: delivery.deliveryNote })
      .options({
        condition: {
          and: [
            { attr: 'state', eq: 'PENDING' },
            { attr: 'receiptId', eq: delivery.receiptId },
            { attr: 'claimExpiresAt', lte: now.toISOString() },
          ],
        },
      })
      .send();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // Another writer abandoned it first (fine), or it committed or was renewed meanwhile (not ours to undo).
    const current = await readDelivery(delivery.supplierId, delivery.deliveryNote);
    return current?.receiptId !== delivery.receiptId;
  }
  const serials = delivery.lots.flatMap((lot) => (lot.serials ?? []).map((serial) => ({ gtin: lot.gtin, serial })));
  await deleteClaims(serials, delivery.receiptId, now);
  return true;
}

/** Without `expiredBy` the claims are this writer's own; with it, a dead receipt's. Claims no longer theirs are skipped. */
const deleteClaimItem = (receiptId: string, expiredBy?: Date) => {
  const deadline = expiredBy?.toISOString() ?? '9999-12-31T23:59:59.999Z';
  return ({ gtin, serial }: { gtin: string; serial: string }) =>
    SerialEntity.build(DeleteTransaction)
      .key({ gtin, serial })
      .options({
        condition: {
          and: [
            { attr: 'receiptId', eq: receiptId },
            { attr: 'status', eq: 'RECEIVING' },
            {
              or: [
                { attr: 'claimExpiresAt', exists: false },
                { attr: 'claimExpiresAt', lte: deadline },
              ],
            },
          ],
        },
      });
};

async function deleteClaims(serials: readonly { gtin: string; serial: string }[], receiptId: string, expiredBy?: Date): Promise<void> {
  await transactChunks(serials, deleteClaimItem(receiptId, expiredBy), 'skip');
}

/**
 * A serial claimed by another receipt whose claim expired: if that receipt's
 * delivery claim is still its own and PENDING, the whole receipt is
 * abandoned; otherwise it can never commit and only this claim is removed.
 */
async function releaseExpiredClaim(gtin: string, serial: string, now: Date): Promise<void> {
  const { Item: claim } = await SerialEntity.build(GetItemCommand).key({ gtin, serial }).options({ consistent: true }).send();
  if (!claim || claim.status !== 'RECEIVING' || !isClaimExpired(claim.claimExpiresAt, now)) return;
  if (claim.supplierId && claim.deliveryNote) {
    const delivery = await readDelivery(claim.supplierId, claim.deliveryNote);
    if (delivery?.receiptId === claim.receiptId) {
      // Committed: the claim is a received serial still being published, not ours to remove.
      if (delivery.state !== 'PENDING' || !(await abandonDelivery(delivery, now))) return;
    }
  }
  await deleteClaims([{ gtin, serial }], claim.receiptId, now);
}

/**
 * Step 2. Claims every serial, 100 per transaction; returns those another
 * receipt holds (nothing is undone here). A claim found expired is removed
 * and its chunk tried once more.
 */
export async function claimSerials(receipt: ChunkedReceipt, now: Date): Promise<{ gtin: string; serial: string }[]> {
  const wanted = receipt.lots.flatMap((lot) => lot.serials.map((serial) => ({ lot, serial, gtin: lot.gtin })));
  const claim = ({ lot, serial }: (typeof wanted)[number]) =>
    SerialEntity.build(PutTransaction)
      .item({
        gtin: lot.gtin,
        serial,
        lotNumber: lot.lotNumber,
        expiry: lot.expiry,
        status: 'RECEIVING',
        receiptId: receipt.receiptId,
        supplierId: receipt.supplierId,
        deliveryNote: receipt.deliveryNote,
        claimExpiresAt: receipt.claimExpiresAt,
        changedBy: receipt.receivedBy,
        changeReason: reasonOf(receipt),
      })
      .options({
        condition: {
          or: [
            { attr: 'serial', exists: false },
            {
              and: [
                { attr: 'receiptId', eq: receipt.receiptId },
                { attr: 'status', eq: 'RECEIVING' },
              ],
            },
          ],
        },
      });
  const first = await transactChunks(wanted, claim, 'collect');
  if (first.refused.length === 0) return [];
  for (const { gtin, serial } of first.refused) await releaseExpiredClaim(gtin, serial, now);
  const second = await transactChunks(first.unwritten, claim, 'collect');
  return second.refused.map(({ gtin, serial }) => ({ gtin, serial }));
}

/** Undoes a receipt that will not commit: its serial claims, then its PENDING delivery claim. */
export async function undoReceipt(receipt: ChunkedReceipt): Promise<void> {
  await deleteClaims(
    receipt.lots.flatMap((lot) => lot.serials.map((serial) => ({ gtin: lot.gtin, serial }))),
    receipt.receiptId,
  );
  try {
    await DeliveryReceiptEntity.build(DeleteItemCommand)
      .key({ supplierId: receipt.supplierId, deliveryNote: receipt.deliveryNote })
      .options({
        condition: {
          and: [
            { attr: 'state', eq: 'PENDING' },
            { attr: 'receiptId', eq: receipt.receiptId },
          ],
        },
      })
      .send();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * Step 3: one transaction of 1 + 4 per lot items, no serials. Refusals (a lot
 * already inspected, another expiry) are explained like the one-transaction
 * receipt's; the caller undoes the claims.
 */
export async function commitReceipt(receipt: ChunkedReceipt): Promise<void> {
  const { receiptId, receivedAt, receivedBy } = receipt;
  const audit = { changedBy: receivedBy, changeReason: reasonOf(receipt) };
  const writes = [];
  const meaning: string[] = ['DELIVERY'];
  writes.push(
    DeliveryReceiptEntity.build(UpdateTransaction)
      .item({ supplierId: receipt.supplierId, deliveryNote: receipt.deliveryNote, state: 'COMMITTED', claimExpiresAt: $remove(), ...audit })
      .options({
        condition: {
          and: [
            { attr: 'state', eq: 'PENDING' },
            { attr: 'receiptId', eq: receiptId },
          ],
        },
      }),
  );
  for (const lot of receipt.lots) {
    const { gtin, lotNumber, expiry } = lot;
    writes.push(
      StockLotEntity.build(UpdateTransaction)
        .item({
          gtin,
          expiry,
          lotNumber,
          status: 'QUARANTINED',
          onHand: $add(lot.quantity),
          available: $add(lot.quantity),
          reserved: $add(0),
          ...(lot.serials.length > 0 ? { receiving: $add(new Set([receiptId])) } : {}),
          ...audit,
        })
        .options({
          condition: {
            or: [
              { attr: 'status', exists: false },
              { attr: 'status', eq: 'QUARANTINED' },
            ],
          },
        }),
      ...lotReceiptWrites(lot, receipt, audit),
    );
    meaning.push(`STOCK#${gtin}#${lotNumber}`, `REGISTRY#${gtin}#${lotNumber}#${expiry}`, 'RECEIPT', 'EVENT');
  }
  try {
    await execute(...writes);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes?.includes('ConditionalCheckFailed')) throw error;
    // Read by what each item stands for: the delivery-note claim, a lot's stock, its registry entry, a serial...
    const refused = meaning.filter((_, index) => codes[index] === 'ConditionalCheckFailed');
    if (refused.includes('DELIVERY')) {
      const delivery = await readDelivery(receipt.supplierId, receipt.deliveryNote);
      // Committed by a concurrent retry of the same receipt: the work is done.
      if (delivery?.receiptId === receiptId && delivery.state === 'COMMITTED') return;
      throw new ReceiptRefusedError([`receipt ${receiptId} took longer than its claims last and was abandoned; send the delivery again`]);
    }
    const reasons = refused.flatMap((item) => {
      const [kind, gtin, name, expiry] = item.split('#');
      if (kind === 'STOCK')
        return [`GTIN ${gtin} lot ${name} has already been inspected or held; new goods of it cannot be added to released, held or rejected stock`];
      if (kind === 'REGISTRY') return [`GTIN ${gtin} lot ${name} is already known with another expiry date than ${expiry}`];
      return [];
    });
    throw new ReceiptRefusedError(reasons.length > 0 ? reasons : ['the receipt conflicts with existing stock']);
  }
}

/**
 * Step 4 for one lot: its serials of the receipt become IN_STOCK (on the
 * free-serial index), 100 per transaction, then the lot forgets the receipt.
 * Serials already published (a repeat) fail their condition and are skipped.
 */
export async function publishLot(
  gtin: string,
  lotNumber: string,
  expiry: string,
  receiptId: string,
  serials: readonly string[],
  audit: { changedBy: string; changeReason: string },
): Promise<void> {
  await transactChunks(
    serials,
    (serial) =>
      SerialEntity.build(UpdateTransaction)
        .item({ gtin, serial, status: 'IN_STOCK', claimExpiresAt: $remove(), inStockLot: inStockLotKey(gtin, lotNumber), inStockSort: serial, ...audit })
        .options({
          condition: {
            and: [
              { attr: 'receiptId', eq: receiptId },
              { attr: 'status', eq: 'RECEIVING' },
            ],
          },
        }),
    'skip',
  );
  await StockLotEntity.build(UpdateItemCommand)
    .item({ gtin, expiry, lotNumber, receiving: $delete(new Set([receiptId])), ...audit })
    .options({ condition: { attr: 'status', exists: true } })
    .send();
}

export async function publishReceipt(receipt: ChunkedReceipt): Promise<void> {
  const audit = { changedBy: receipt.receivedBy, changeReason: reasonOf(receipt) };
  for (const lot of receipt.lots) {
    if (lot.serials.length > 0) await publishLot(lot.gtin, lot.lotNumber, lot.expiry, receipt.receiptId, lot.serials, audit);
  }
}

/**
 * Finishes step 4 of every receipt a lot still notes as receiving, from the
 * receipt records the commit wrote (a crash after the commit, or a quality
 * decision arriving while the serials are published).
 */
export async function finishPublishing(gtin: string, lotNumber: string, expiry: string, receiptIds: Iterable<string>, changedBy: string): Promise<void> {
  for (const receiptId of receiptIds) {
    const { Item } = await LotReceiptEntity.build(GetItemCommand).key({ gtin, lotNumber, receiptId }).options({ consistent: true }).send();
    await publishLot(gtin, lotNumber, expiry, receiptId, Item?.serials ?? [], { changedBy, changeReason: `finishing receipt ${receiptId}` });
  }
}

/** A repeated delivery note that was committed: finish whatever it left unpublished, then refuse the repeat. */
export async function completeCommittedDelivery(delivery: DeliveryRecord, changedBy: string): Promise<never> {
  for (const lot of delivery.lots) {
    if (lot.serials?.length) await finishPublishing(lot.gtin, lot.lotNumber, lot.expiry, [delivery.receiptId], changedBy);
  }
  throw new DuplicateDeliveryError(delivery.receiptId);
}
