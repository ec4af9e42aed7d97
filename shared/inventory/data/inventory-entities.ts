import { Entity } from 'dynamodb-toolbox/entity';
import { boolean, item, list, map, number, string } from 'dynamodb-toolbox/schema';
import { audited } from '../../platform/data/audited.js';
import { table } from '../../platform/data/table.js';
import { LOT_EVENT_TYPES } from '../schemas/inventory.js';
import { LOT_RESERVATION_STATUSES, SERIAL_STATUSES } from '../schemas/trace.js';

/**
 * Everything about one lot of one product lives in one partition,
 * `LOT#{gtin}#{lot}`: its registry entry, its receipts (suppliers), its
 * status events (audit trail) and its shipments (LotShipment in stock.ts).
 * A recall reads one partition. The stock counters stay on StockLot under the
 * product, where FEFO allocation reads them in expiry order.
 */
export const LotRegistryEntity = new Entity({
  name: 'LotRegistry',
  table,
  schema: item({
    gtin: string().key(),
    lotNumber: string().key(),
    expiry: string(),
    productionDate: string().optional(),
    serialControlled: boolean(),
    lastReceivedAt: string(),
    ...audited,
  }).and((previous) => ({
    lotKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ gtin, lotNumber }) => `LOT#${gtin}#${lotNumber}`),
    recordType: string().key().const('LOT').savedAs('SK').hidden(),
  })),
});

/** One receipt of a lot: who supplied how much, when, with which serials. */
export const LotReceiptEntity = new Entity({
  name: 'LotReceipt',
  table,
  schema: item({
    gtin: string().key(),
    lotNumber: string().key(),
    receiptId: string().key(),
    supplierId: string(),
    deliveryNote: string(),
    quantity: number(),
    serials: list(string()),
    receivedAt: string(),
    receivedBy: string(),
    ...audited,
  }).and((previous) => ({
    lotKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ gtin, lotNumber }) => `LOT#${gtin}#${lotNumber}`),
    receiptKey: string()
      .key()
      .savedAs('SK')
      .hidden()
      .link<typeof previous>(({ receiptId }) => `RECEIPT#${receiptId}`),
  })),
});

/** An audited status event of a lot: received, inspected, held, released. Written once, never changed. */
export const LotEventEntity = new Entity({
  name: 'LotEvent',
  table,
  schema: item({
    gtin: string().key(),
    lotNumber: string().key(),
    at: string().key(),
    eventId: string().key(),
    type: string().enum(...LOT_EVENT_TYPES),
    fromStatus: string().optional(),
    toStatus: string(),
    actor: string(),
    notes: string().optional(),
    receiptId: string().optional(),
    quantity: number().optional(),
    reservedUnits: number().optional(),
    ...audited,
  }).and((previous) => ({
    lotKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ gtin, lotNumber }) => `LOT#${gtin}#${lotNumber}`),
    eventKey: string()
      .key()
      .savedAs('SK')
      .hidden()
      .link<typeof previous>(({ at, eventId }) => `EVENT#${at}#${eventId}`),
  })),
});

/**
 * The claim on a supplier's delivery note: a delivery is received once, so a
 * repeated receipt is refused instead of doubling the stock. A receipt too
 * large for one transaction claims it first as PENDING (with its serials, so
 * its serial claims can be undone, and a fingerprint of its content, so a
 * retry of the same delivery resumes it) and turns it COMMITTED in the
 * transaction that makes the stock visible. No `state` means a receipt
 * written in one transaction (committed).
 */
export const DeliveryReceiptEntity = new Entity({
  name: 'DeliveryReceipt',
  table,
  schema: item({
    supplierId: string().key(),
    deliveryNote: string().key(),
    receiptId: string(),
    receivedAt: string(),
    receivedBy: string(),
    lots: list(map({ gtin: string(), lotNumber: string(), expiry: string(), quantity: number(), serials: list(string()).optional() })),
    state: string().enum('PENDING', 'COMMITTED').optional(),
    fingerprint: string().optional(),
    /** Until when a PENDING receipt's serial claims hold; after that another receipt may abandon it. */
    claimExpiresAt: string().optional(),
    ...audited,
  }).and((previous) => ({
    deliveryKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ supplierId, deliveryNote }) => `DELIVERY#${supplierId}#${deliveryNote}`),
    recordType: string().key().const('DELIVERY').savedAs('SK').hidden(),
  })),
});

/**
 * One serialized unit. The key makes each serial of a GTIN exist once. A
 * receipt too large for one transaction first claims its serials as
 * RECEIVING (off the free-serial index, so never allocatable; with the
 * delivery and an expiry, so a crashed receipt's claims can be abandoned) and
 * turns them IN_STOCK after its commit. While
 * the unit is in stock it carries `inStockLot`, which puts it on the sparse
 * GSI1 under its lot, so allocation can find free serials of a lot with one
 * query; reserving it removes the attribute in the same transaction.
 */
export const SerialEntity = new Entity({
  name: 'Serial',
  table,
  schema: item({
    gtin: string().key(),
    serial: string().key(),
    lotNumber: string(),
    expiry: string(),
    status: string().enum(...SERIAL_STATUSES),
    receiptId: string(),
    supplierId: string().optional(),
    deliveryNote: string().optional(),
    claimExpiresAt: string().optional(),
    orderId: string().optional(),
    lineNo: number().optional(),
    customerId: string().optional(),
    shippedAt: string().optional(),
    /** The recall holding this unit: never allocated or shipped again while set (the rest of its lot stays available). */
    recallHold: string().optional(),
    inStockLot: string().optional().savedAs('GSI1PK'),
    inStockSort: string().optional().savedAs('GSI1SK'),
    ...audited,
  }).and((previous) => ({
    serialKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ gtin, serial }) => `SERIAL#${gtin}#${serial}`),
    recordType: string().key().const('SERIAL').savedAs('SK').hidden(),
  })),
});

/** GSI1 partition of the free serials of a lot. */
export const inStockLotKey = (gtin: string, lotNumber: string) => `INSTOCK#${gtin}#${lotNumber}`;

/**
 * An order line's hold on a lot, kept under the lot beside its shipments, so
 * that a recall sees the open orders to stop in the same one-partition query.
 * Written with the reservation, and marked RELEASED or SHIPPED with it.
 */
export const LotReservationEntity = new Entity({
  name: 'LotReservation',
  table,
  schema: item({
    gtin: string().key(),
    lotNumber: string().key(),
    orderId: string().key(),
    lineNo: number().key(),
    quantity: number(),
    status: string().enum(...LOT_RESERVATION_STATUSES),
    ...audited,
  }).and((previous) => ({
    lotKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ gtin, lotNumber }) => `LOT#${gtin}#${lotNumber}`),
    reservationKey: string()
      .key()
      .savedAs('SK')
      .hidden()
      .link<typeof previous>(({ orderId, lineNo }) => `RESERVATION#${orderId}#${String(lineNo).padStart(3, '0')}`),
  })),
});
