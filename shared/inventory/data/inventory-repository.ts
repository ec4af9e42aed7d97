import { AccessPattern as EntityAccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { $add } from 'dynamodb-toolbox/entity/actions/update';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import { string } from 'dynamodb-toolbox/schema';
import { AccessPattern } from 'dynamodb-toolbox/table/actions/accessPattern';
import type { LotAction, LotStatus } from '../schemas/inventory.js';
import type { LotReceipt } from '../domain/receipt.js';
import {
  DeliveryReceiptEntity,
  inStockLotKey,
  LotEventEntity,
  LotReceiptEntity,
  LotRegistryEntity,
  LotReservationEntity,
  SerialEntity,
} from './inventory-entities.js';
import { LotShipmentEntity, StockLotEntity } from './stock-entities.js';
import { cancellationCodes } from '../../platform/data/errors.js';
import { table } from '../../platform/data/table.js';

export type LotRegistryRecord = FormattedItem<typeof LotRegistryEntity>;
export type LotReceiptRecord = FormattedItem<typeof LotReceiptEntity>;
export type LotEventRecord = FormattedItem<typeof LotEventEntity>;
export type SerialRecord = FormattedItem<typeof SerialEntity>;
export type LotShipmentRecord = FormattedItem<typeof LotShipmentEntity>;
export type LotReservationRecord = FormattedItem<typeof LotReservationEntity>;
export type StockLotRecord = FormattedItem<typeof StockLotEntity>;

/** Access pattern 15: everything about one lot (registry, receipts, status events, reservations, shipments), one partition. */
const lotPartition = table
  .build(AccessPattern)
  .entities(LotRegistryEntity, LotReceiptEntity, LotEventEntity, LotShipmentEntity, LotReservationEntity)
  .schema(string())
  .pattern((lotKey) => ({ partition: lotKey }))
  .options({ consistent: true, showEntityAttr: true })
  .meta({ title: 'A lot with its receipts, status events and shipments', description: 'Access pattern 15' });

/** Access pattern 17: free serials of a lot (sparse GSI1, only units in stock are on it). */
const freeSerialsOfLot = SerialEntity.build(EntityAccessPattern)
  .schema(string())
  .pattern((key) => ({ index: 'GSI1', partition: key }))
  .meta({ title: 'Serials of a lot still in stock', description: 'Access pattern 17' });

export class DuplicateDeliveryError extends Error {
  override name = 'DuplicateDeliveryError';
  constructor(readonly existingReceiptId: string) {
    super(`this delivery note was already received as ${existingReceiptId}`);
  }
}

/** Some lots or serials of a receipt cannot be received; nothing was written. */
export class ReceiptRefusedError extends Error {
  override name = 'ReceiptRefusedError';
  constructor(readonly reasons: string[]) {
    super(reasons.join('; '));
  }
}

export interface ReceiptRecord {
  receiptId: string;
  supplierId: string;
  deliveryNote: string;
  receivedAt: string;
  receivedBy: string;
  lots: (LotReceipt & { serialControlled: boolean })[];
}

/**
 * What every receipt writes per lot besides its stock counters, in the same
 * transaction: the lot registry (one lot number has one expiry), the receipt
 * record under the lot (who supplied it) and the lot's RECEIVED event.
 */
export function lotReceiptWrites(
  lot: LotReceipt & { serialControlled: boolean },
  receipt: Pick<ReceiptRecord, 'receiptId' | 'supplierId' | 'deliveryNote' | 'receivedAt' | 'receivedBy'>,
  audit: { changedBy: string; changeReason: string },
) {
  const { gtin, lotNumber, expiry } = lot;
  const { receiptId, receivedAt, receivedBy } = receipt;
  return [
    LotRegistryEntity.build(UpdateTransaction)
      .item({
        gtin,
        lotNumber,
        expiry,
        serialControlled: lot.serialControlled,
        lastReceivedAt: receivedAt,
        ...(lot.productionDate ? { productionDate: lot.productionDate } : {}),
        ...audit,
      })
      .options({
        condition: {
          or: [
            { attr: 'expiry', exists: false },
            { attr: 'expiry', eq: expiry },
          ],
        },
      }),
    LotReceiptEntity.build(PutTransaction).item({
      gtin,
      lotNumber,
      receiptId,
      supplierId: receipt.supplierId,
      deliveryNote: receipt.deliveryNote,
      quantity: lot.quantity,
      serials: lot.serials,
      receivedAt,
      receivedBy,
      ...audit,
    }),
    LotEventEntity.build(PutTransaction).item({
      gtin,
      lotNumber,
      at: receivedAt,
      eventId: `RECEIVED-${receiptId}`,
      type: 'RECEIVED',
      toStatus: 'QUARANTINED',
      actor: receivedBy,
      receiptId,
      quantity: lot.quantity,
      ...audit,
    }),
  ] as const;
}

/**
 * Records a goods receipt in one transaction: the delivery-note claim, and
 * per lot the quarantined stock (created, or added to a lot still in
 * quarantine), the lot registry entry (one lot number has one expiry), the
 * receipt record, the RECEIVED event and one item per serial (each serial of
 * a GTIN exists once). Any refusal leaves nothing written.
 */
export async function recordReceipt(receipt: ReceiptRecord): Promise<void> {
  const { receiptId, receivedAt, receivedBy } = receipt;
  const audit = { changedBy: receivedBy, changeReason: `receipt ${receiptId} of delivery note ${receipt.deliveryNote} (supplier ${receipt.supplierId})` };
  const writes = [];
  /** What each transaction item stands for, to explain a cancellation. */
  const meaning: string[] = [];
  writes.push(
    DeliveryReceiptEntity.build(PutTransaction)
      .item({
        supplierId: receipt.supplierId,
        deliveryNote: receipt.deliveryNote,
        receiptId,
        receivedAt,
        receivedBy,
        lots: receipt.lots.map(({ gtin, lotNumber, expiry, quantity }) => ({ gtin, lotNumber, expiry, quantity })),
        ...audit,
      })
      .options({ condition: { attr: 'receiptId', exists: false } }),
  );
  meaning.push('DELIVERY');
  for (const lot of receipt.lots) {
    const { gtin, lotNumber, expiry } = lot;
    writes.push(
      StockLotEntity.build(UpdateTransaction)
        .item({ gtin, expiry, lotNumber, status: 'QUARANTINED', onHand: $add(lot.quantity), available: $add(lot.quantity), reserved: $add(0), ...audit })
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
    for (const serial of lot.serials) {
      writes.push(
        SerialEntity.build(PutTransaction)
          .item({
            gtin,
            serial,
            lotNumber,
            expiry,
            status: 'IN_STOCK',
            receiptId,
            inStockLot: inStockLotKey(gtin, lotNumber),
            inStockSort: serial,
            ...audit,
          })
          .options({ condition: { attr: 'serial', exists: false } }),
      );
      meaning.push(`SERIAL#${gtin}#${serial}`);
    }
  }

  try {
    await execute(...writes);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes?.includes('ConditionalCheckFailed')) throw error;
    // Read by what each item stands for: the delivery-note claim, a lot's stock, its registry entry, a serial...
    const refused = meaning.filter((_, index) => codes[index] === 'ConditionalCheckFailed');
    if (refused.includes('DELIVERY')) {
      const { Item } = await DeliveryReceiptEntity.build(GetItemCommand)
        .key({ supplierId: receipt.supplierId, deliveryNote: receipt.deliveryNote })
        .options({ consistent: true })
        .send();
      throw new DuplicateDeliveryError(Item?.receiptId ?? 'unknown');
    }
    const reasons = refused.flatMap((item) => {
      const [kind, gtin, name, expiry] = item.split('#');
      if (kind === 'STOCK')
        return [`GTIN ${gtin} lot ${name} has already been inspected or held; new goods of it cannot be added to released, held or rejected stock`];
      if (kind === 'REGISTRY') return [`GTIN ${gtin} lot ${name} is already known with another expiry date than ${expiry}`];
      if (kind === 'SERIAL') return [`GTIN ${gtin} serial ${name} has already been received; each serial exists once`];
      return [];
    });
    throw new ReceiptRefusedError(reasons.length > 0 ? reasons : ['the receipt conflicts with existing stock']);
  }
}

export async function findLotRegistry(gtin: string, lotNumber: string): Promise<LotRegistryRecord | undefined> {
  const { Item } = await LotRegistryEntity.build(GetItemCommand).key({ gtin, lotNumber }).options({ consistent: true }).send();
  return Item;
}

export async function findStockLot(gtin: string, expiry: string, lotNumber: string): Promise<StockLotRecord | undefined> {
  const { Item } = await StockLotEntity.build(GetItemCommand).key({ gtin, expiry, lotNumber }).options({ consistent: true }).send();
  return Item;
}

export interface LotStatusChange {
  gtin: string;
  lotNumber: string;
  expiry: string;
  from: LotStatus;
  to: LotStatus;
  event: { type: LotAction; eventId: string; at: string; actor: string; notes: string; reservedUnits?: number };
}

/**
 * Changes a lot's status together with its audit event, only if the status is
 * still the one the decision was made on. Returns false when someone else
 * changed it first (nothing written).
 */
export async function changeLotStatus(change: LotStatusChange): Promise<boolean> {
  const { gtin, lotNumber, expiry, from, to, event } = change;
  const audit = { changedBy: event.actor, changeReason: event.notes };
  try {
    await execute(
      // A receipt whose serials are still being published is finished before any quality decision (see finishPublishing).
      StockLotEntity.build(UpdateTransaction)
        .item({ gtin, expiry, lotNumber, status: to, ...audit })
        .options({
          condition: {
            and: [
              { attr: 'status', eq: from },
              {
                or: [
                  { attr: 'receiving', exists: false },
                  { size: 'receiving', eq: 0 },
                ],
              },
            ],
          },
        }),
      LotEventEntity.build(PutTransaction)
        .item({ gtin, lotNumber, ...event, fromStatus: from, toStatus: to, ...audit })
        .options({ condition: { attr: 'eventId', exists: false } }),
    );
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

export interface LotHistory {
  registry?: LotRegistryRecord;
  receipts: LotReceiptRecord[];
  events: LotEventRecord[];
  shipments: LotShipmentRecord[];
  /** Order lines that reserved the lot, whatever became of them (RESERVED ones are open). */
  reservations: LotReservationRecord[];
}

/** Everything recorded under one lot, in one query path (paginated, never a scan). */
export async function lotHistory(gtin: string, lotNumber: string): Promise<LotHistory> {
  const history: LotHistory = { receipts: [], events: [], shipments: [], reservations: [] };
  const { Items = [] } = await lotPartition
    .query(`LOT#${gtin}#${lotNumber}`)
    .options((previous) => ({ ...previous, maxPages: Infinity }))
    .send();
  for (const item of Items) {
    switch ((item as { entity?: string }).entity) {
      case 'LotRegistry':
        history.registry = item as LotRegistryRecord;
        break;
      case 'LotReceipt':
        history.receipts.push(item as LotReceiptRecord);
        break;
      case 'LotEvent':
        history.events.push(item as LotEventRecord);
        break;
      case 'LotShipment':
        history.shipments.push(item as LotShipmentRecord);
        break;
      case 'LotReservation':
        history.reservations.push(item as LotReservationRecord);
        break;
    }
  }
  return history;
}

export async function findSerial(gtin: string, serial: string): Promise<SerialRecord | undefined> {
  const { Item } = await SerialEntity.build(GetItemCommand).key({ gtin, serial }).options({ consistent: true }).send();
  return Item;
}

/**
 * Up to `limit` serials of a lot that are still in stock (eventually
 * consistent: the reservation re-checks). Paged by hand on purpose: it stops
 * as soon as it has `limit`, asking each page for what is still missing.
 */
export async function freeSerials(gtin: string, lotNumber: string, limit: number): Promise<string[]> {
  const serials: string[] = [];
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await freeSerialsOfLot
      .query(inStockLotKey(gtin, lotNumber))
      .options({ exclusiveStartKey, limit: limit - serials.length })
      .send();
    serials.push(...(page.Items ?? []).map((item) => item.serial));
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey && serials.length < limit);
  return serials;
}
