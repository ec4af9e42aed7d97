import { z } from 'zod';
import { CalendarDateString, Gtin14, UtcTimestamp } from '../../platform/schemas/common.js';

const SET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

export const LotNumber = z
  .string()
  .regex(SET_82, 'must be 1 to 20 characters of the GS1 character set 82 (no spaces)')
  .meta({ description: 'Batch/lot number as on the label (GS1 AI 10)', example: 'SY2611A' });

export const SerialNumber = z
  .string()
  .regex(SET_82, 'must be 1 to 20 characters of the GS1 character set 82 (no spaces)')
  .meta({ description: 'Serial number as on the label (GS1 AI 21)', example: 'SN000123' });

/** The quality status of a lot (the transitions: shared/inventory/domain/lot-status.ts). */
export const LOT_STATUSES = ['QUARANTINED', 'RELEASED', 'ON_HOLD', 'REJECTED'] as const;
export const LotStatus = z.enum(LOT_STATUSES).meta({ id: 'LotStatus' });
export type LotStatus = z.infer<typeof LotStatus>;

/** The quality actions that change a lot's status, and the events of a lot's history (its receipt and those actions). */
export const LOT_ACTIONS = ['INSPECTION_PASSED', 'INSPECTION_FAILED', 'HOLD', 'RELEASE_HOLD'] as const;
export const LotAction = z.enum(LOT_ACTIONS);
export type LotAction = z.infer<typeof LotAction>;
export const LOT_EVENT_TYPES = ['RECEIVED', ...LOT_ACTIONS] as const;
export type LotEventType = (typeof LOT_EVENT_TYPES)[number];

export const LotId = z
  .string()
  .regex(/^\d{14}-.{1,20}$/s, 'must be {gtin}-{lotNumber}')
  .meta({ description: 'A lot: its 14-digit GTIN, a hyphen and its lot number (URL-encoded)', example: '05012345678900-SY2611A' });

export const ScanLine = z
  .object({
    scan: z.string().min(1).max(200).meta({
      description:
        'One scanned GS1 element string as the scanner sent it (symbology identifier and ASCII 29 separators kept), or the bracketed human-readable form',
      example: '(01)05012345678900(17)280131(10)SY2801A',
    }),
  })
  .strict()
  .meta({ id: 'ReceiptScanLine', description: 'A scanned label: one unit, or the count in AI 30' });

export const KeyedLine = z
  .object({
    gtin: Gtin14,
    lotNumber: LotNumber,
    expiry: CalendarDateString,
    productionDate: CalendarDateString.optional(),
    quantity: z.number().int('must be a whole number of units').min(1).max(100_000).optional(),
    serials: z.array(SerialNumber).min(1).max(5_000).optional().meta({ description: 'For serial-controlled products: one serial per unit' }),
  })
  .strict()
  .meta({ id: 'ReceiptKeyedLine', description: 'Label data typed in: quantity, or serials for serial-controlled products' });

export const ReceiptRequest = z
  .object({
    supplierId: z.string().trim().min(1).max(64),
    deliveryNote: z.string().trim().min(1).max(64).meta({ description: "The supplier's delivery note (despatch advice) number; each is received once" }),
    lines: z
      .array(z.union([ScanLine, KeyedLine]))
      .min(1, 'a receipt needs at least one line')
      .max(5_000, 'at most 5000 lines per receipt'),
  })
  .strict()
  .meta({ id: 'ReceiptRequest' });
export type ReceiptRequest = z.infer<typeof ReceiptRequest>;

export const LotView = z
  .object({
    lotId: LotId,
    gtin: Gtin14,
    lotNumber: z.string(),
    expiry: CalendarDateString,
    status: LotStatus,
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int().meta({ description: 'Units that can be allocated now: released, not expired, not reserved' }),
    expired: z.boolean(),
  })
  .meta({ id: 'LotStock' });
export type LotView = z.infer<typeof LotView>;

export const ReceiptAccepted = z
  .object({
    receiptId: z.string(),
    receivedAt: UtcTimestamp,
    lots: z.array(
      z.object({
        lotId: LotId,
        gtin: Gtin14,
        lotNumber: z.string(),
        expiry: CalendarDateString,
        quantity: z.number().int(),
        serials: z.array(z.string()),
        status: LotStatus,
      }),
    ),
  })
  .meta({ id: 'ReceiptAccepted' });
export type ReceiptAccepted = z.infer<typeof ReceiptAccepted>;

export const StockView = z
  .object({
    gtin: Gtin14,
    asOf: CalendarDateString,
    totals: z.object({ onHand: z.number().int(), reserved: z.number().int(), available: z.number().int() }),
    lots: z.array(LotView).meta({ description: 'Earliest expiry first' }),
  })
  .meta({ id: 'Stock' });
export type StockView = z.infer<typeof StockView>;

export const InspectionRequest = z
  .object({
    result: z.enum(['PASS', 'FAIL']),
    notes: z.string().trim().min(1, 'inspection notes are required').max(2000),
  })
  .strict()
  .meta({ id: 'InspectionRequest', description: 'Receiving inspection result: PASS releases the lot, FAIL rejects it' });
export type InspectionRequest = z.infer<typeof InspectionRequest>;

export const HoldRequest = z
  .object({
    action: z.enum(['HOLD', 'RELEASE']),
    reason: z.string().trim().min(1, 'a reason is required').max(2000),
  })
  .strict()
  .meta({ id: 'HoldRequest', description: 'Put a released lot on hold (e.g. a recall) or release the hold' });
export type HoldRequest = z.infer<typeof HoldRequest>;

export const LotEventView = z
  .object({
    at: UtcTimestamp,
    type: z.string(),
    fromStatus: LotStatus.optional(),
    toStatus: LotStatus,
    actor: z.string(),
    notes: z.string().optional(),
    receiptId: z.string().optional(),
    quantity: z.number().int().optional(),
    reservedUnits: z.number().int().optional(),
  })
  .meta({ id: 'LotEvent' });

export const LotDetail = LotView.extend({
  productionDate: CalendarDateString.optional(),
  serialControlled: z.boolean(),
  receipts: z.array(
    z.object({
      receiptId: z.string(),
      supplierId: z.string(),
      deliveryNote: z.string(),
      quantity: z.number().int(),
      serials: z.array(z.string()),
      receivedAt: UtcTimestamp,
      receivedBy: z.string(),
    }),
  ),
  events: z.array(LotEventView).meta({ description: 'Audit trail of status changes, oldest first' }),
}).meta({ id: 'LotDetail' });
export type LotDetail = z.infer<typeof LotDetail>;

export const StockQuery = z.object({ gtin: Gtin14 }).strict();
