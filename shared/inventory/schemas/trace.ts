import { z } from 'zod';
import { CalendarDateString, Gtin14, UtcTimestamp } from '../../platform/schemas/common.js';
import { LotStatus } from './inventory.js';

/** A serial unit's states; RECEIVING (its receipt is still being committed) is never shown in a trace. */
export const SERIAL_STATUSES = ['RECEIVING', 'IN_STOCK', 'RESERVED', 'SHIPPED'] as const;
export const SerialStatus = z.enum(SERIAL_STATUSES);
export type SerialStatus = z.infer<typeof SerialStatus>;

/** An order line's hold on a lot, as the lot sees it (the order side has more, transient, states). */
export const LOT_RESERVATION_STATUSES = ['RESERVED', 'SHIPPED', 'RELEASED'] as const;
export const LotReservationStatus = z.enum(LOT_RESERVATION_STATUSES);
export type LotReservationStatus = z.infer<typeof LotReservationStatus>;

const Supplier = z
  .object({
    supplierId: z.string(),
    deliveryNote: z.string(),
    receiptId: z.string(),
    quantity: z.number().int(),
    receivedAt: UtcTimestamp,
    receivedBy: z.string(),
  })
  .meta({ id: 'TraceSupplier', description: 'A receipt of the lot: who supplied how much, when' });

const Shipment = z
  .object({
    orderId: z.string(),
    lineNo: z.number().int(),
    customerId: z.string(),
    quantity: z.number().int(),
    shippedAt: UtcTimestamp,
    serials: z.array(z.string()).optional(),
  })
  .meta({ id: 'TraceShipment' });

const Consignee = z
  .object({
    customerId: z.string(),
    legalName: z.string().optional(),
    contactEmail: z.string().optional(),
    quantity: z.number().int().meta({ description: 'Units of the lot this customer received in total' }),
    firstShippedAt: UtcTimestamp,
    lastShippedAt: UtcTimestamp,
    orders: z.array(z.string()),
  })
  .meta({ id: 'TraceConsignee', description: 'A direct consignee to notify in a recall (21 CFR 7.49)' });

export const LotTrace = z
  .object({
    gtin: Gtin14,
    lotNumber: z.string(),
    expiry: CalendarDateString,
    status: LotStatus,
    remaining: z
      .object({ onHand: z.number().int(), reserved: z.number().int(), available: z.number().int() })
      .meta({ description: 'Stock of the lot still here: to quarantine or hold in a recall' }),
    suppliers: z.array(Supplier),
    consignees: z.array(Consignee).meta({ description: 'Every customer that received the lot, with quantities and dates' }),
    shipments: z.array(Shipment).meta({
      description: 'The shipments in shipping order, one page of them (limit, at most 1,000; and at most about 4.5 MB); nextToken gives the next page',
    }),
    nextToken: z.string().optional().meta({ description: 'Present when more shipments follow: pass it as nextToken (same lot) for the next page. Opaque' }),
    shippedQuantity: z.number().int(),
    openOrders: z
      .array(z.object({ orderId: z.string(), lineNo: z.number().int(), quantity: z.number().int() }))
      .meta({ description: 'Order lines holding units of the lot that have not shipped: the open orders to stop in a recall' }),
  })
  .meta({ id: 'LotTrace' });
export type LotTrace = z.infer<typeof LotTrace>;

export const SerialTrace = z
  .object({
    gtin: Gtin14,
    serial: z.string(),
    lotNumber: z.string(),
    expiry: CalendarDateString,
    status: SerialStatus.exclude(['RECEIVING']),
    supplier: Supplier.optional(),
    orderId: z.string().optional(),
    lineNo: z.number().int().optional(),
    customerId: z.string().optional(),
    customerName: z.string().optional(),
    shippedAt: UtcTimestamp.optional(),
  })
  .meta({ id: 'SerialTrace' });
export type SerialTrace = z.infer<typeof SerialTrace>;

export const OrderTrace = z
  .object({
    orderId: z.string(),
    customerId: z.string(),
    status: z.string(),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        gtin: Gtin14,
        reservationStatus: LotReservationStatus,
        lots: z.array(
          z.object({
            lotNumber: z.string(),
            expiry: CalendarDateString,
            quantity: z.number().int(),
            serials: z.array(z.string()).optional(),
            suppliers: z.array(Supplier),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'OrderTrace', description: 'An order traced backwards: lines to lots and serials to the suppliers they came from' });
export type OrderTrace = z.infer<typeof OrderTrace>;
