import { Entity } from 'dynamodb-toolbox/entity';
import { item, list, map, number, set, string } from 'dynamodb-toolbox/schema';
import { audited } from '../../platform/data/audited.js';
import { prefix } from 'dynamodb-toolbox/transformers/prefix';
import { table } from '../../platform/data/table.js';
import { LOT_STATUSES } from '../schemas/inventory.js';

/**
 * One item per lot, under its product: the sort key starts with the expiry
 * date, so a query on the product returns lots already in FEFO order.
 * `available` is kept beside `onHand` and `reserved` so that a reservation is a
 * single conditional decrement (`available >= n`), never a read-then-write.
 */
export const StockLotEntity = new Entity({
  name: 'StockLot',
  table,
  schema: item({
    gtin: string().key().transform(prefix('PRODUCT')).savedAs('PK'),
    expiry: string().key(),
    lotNumber: string().key(),
    status: string().enum(...LOT_STATUSES),
    onHand: number(),
    reserved: number(),
    available: number(),
    /**
     * Receipts committed on the lot whose serials are still being made
     * IN_STOCK: a quality decision waits for them (it finishes them first).
     */
    receiving: set(string()).optional(),
    ...audited,
  }).and((previous) => ({
    lotKey: string()
      .key()
      .savedAs('SK')
      .hidden()
      .link<typeof previous>(({ expiry, lotNumber }) => `LOT#${expiry}#${lotNumber}`),
  })),
});

const lotPick = map({ lotNumber: string(), expiry: string(), quantity: number(), serials: list(string()).optional() });

/** What one order line holds on which lots, so it can be shipped or given back exactly. */
export const ReservationEntity = new Entity({
  name: 'Reservation',
  table,
  schema: item({
    orderId: string().key().transform(prefix('ORDER')).savedAs('PK'),
    lineNo: number().key(),
    gtin: string(),
    picks: list(lotPick),
    /**
     * CLAIMING: a line too large for one transaction is claiming its serials
     * (not yet allocated; Ship ignores it). RELEASING: its units are back on
     * the lots, its serials are being freed. Both are finished or undone by
     * the next Allocate or Close of the order.
     */
    status: string().enum('CLAIMING', 'RESERVED', 'RELEASING', 'SHIPPED', 'RELEASED'),
    ...audited,
  }).and((previous) => ({
    reservationKey: string()
      .key()
      .savedAs('SK')
      .hidden()
      .link<typeof previous>(({ lineNo }) => `RESERVATION#${String(lineNo).padStart(3, '0')}`),
  })),
});

/**
 * The trace record a recall starts from: one item per lot per shipped order
 * line, under the lot, so "who received lot X" is one query on one partition.
 */
export const LotShipmentEntity = new Entity({
  name: 'LotShipment',
  table,
  schema: item({
    gtin: string().key(),
    lotNumber: string().key(),
    orderId: string().key(),
    lineNo: number().key(),
    customerId: string(),
    expiry: string(),
    quantity: number(),
    shippedAt: string(),
    /** The shipped serials, for serial-controlled products. */
    serials: list(string()).optional(),
    ...audited,
  }).and((previous) => ({
    traceKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ gtin, lotNumber }) => `LOT#${gtin}#${lotNumber}`),
    shipmentKey: string()
      .key()
      .savedAs('SK')
      .hidden()
      .link<typeof previous>(({ orderId, lineNo }) => `SHIPMENT#${orderId}#${String(lineNo).padStart(3, '0')}`),
  })),
});
