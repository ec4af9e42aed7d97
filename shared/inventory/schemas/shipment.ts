import { z } from 'zod';
import { gtinCheckDigit } from '../../platform/domain/gtin.js';
import { Gtin14 } from '../../platform/schemas/common.js';
import { OrderId } from '../../orders/schemas/order.js';
import { MAX_SCANS_PER_CONFIRMATION } from '../domain/pick-verification.js';

export const PICK_TASK_STATUSES = ['PENDING', 'CONFIRMED', 'EXPIRED', 'CANCELLED'] as const;
export const PickTaskStatus = z.enum(PICK_TASK_STATUSES);
export type PickTaskStatus = z.infer<typeof PickTaskStatus>;

/** Why the packing station's check refused a scan (shared/inventory/domain/pick-verification.ts). */
export const SCAN_REFUSALS = ['UNREADABLE', 'NOT_ON_ORDER', 'WRONG_LOT', 'EXPIRY_MISMATCH', 'WRONG_SERIAL', 'SERIAL_ALREADY_SCANNED', 'OVER_SCAN'] as const;
export const ScanRefusal = z.enum(SCAN_REFUSALS);
export type ScanRefusal = z.infer<typeof ScanRefusal>;

export const PickCheckRequest = z
  .object({
    scans: z
      .array(z.string().min(1).max(200))
      .min(1, 'send at least one scan')
      .max(MAX_SCANS_PER_CONFIRMATION)
      .meta({ description: 'The GS1 strings scanned at the packing station, in scan order (raw with ASCII 29 separators, or bracketed)' }),
  })
  .strict()
  .meta({ id: 'PickCheckRequest' });
export type PickCheckRequest = z.infer<typeof PickCheckRequest>;

export const PickCheckResult = z
  .object({
    orderId: z.string(),
    complete: z.boolean().meta({ description: 'Every allocated unit was scanned exactly once' }),
    verdicts: z.array(
      z.object({
        scan: z.string(),
        accepted: z.boolean(),
        lineNo: z.number().int().optional(),
        gtin: Gtin14.optional(),
        lotNumber: z.string().optional(),
        quantity: z.number().int().optional(),
        serial: z.string().optional(),
        refusal: ScanRefusal.optional(),
        reason: z.string().optional(),
      }),
    ),
    outstanding: z.array(z.object({ lineNo: z.number().int(), gtin: Gtin14, lotNumber: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'PickCheckResult' });
export type PickCheckResult = z.infer<typeof PickCheckResult>;

/** GS1 Global Location Number: 13 digits, the last a mod-10 check digit like a GTIN's. */
export const Gln = z
  .string()
  .regex(/^\d{13}$/, 'a GLN has 13 digits')
  .refine((gln) => gtinCheckDigit(gln.slice(0, 12)) === Number(gln[12]), 'GLN check digit is wrong');

/** Where shipments leave from: deployment configuration (context `shipFrom`), printed on the shipment and its 856. */
export const ShipFrom = z
  .object({
    id: z.string().trim().min(1).max(35),
    name: z.string().trim().min(1).max(60),
    gln: Gln.optional(),
    address: z
      .object({
        line1: z.string().trim().min(1).max(55),
        city: z.string().trim().min(1).max(30),
        postalCode: z.string().trim().min(1).max(15),
        country: z.string().regex(/^[A-Z]{2}$/),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'ShipFrom' });
export type ShipFrom = z.infer<typeof ShipFrom>;

export const ShipmentRequest = z
  .object({
    orderId: OrderId,
    scans: PickCheckRequest.shape.scans,
  })
  .strict()
  .meta({ id: 'ShipmentRequest' });
export type ShipmentRequest = z.infer<typeof ShipmentRequest>;

const PickedLot = z.object({
  lineNo: z.number().int(),
  gtin: Gtin14,
  lotNumber: z.string(),
  quantity: z.number().int(),
  serials: z.array(z.string()).optional(),
});

export const ShipmentAccepted = z
  .object({
    shipmentId: z.string(),
    orderId: z.string(),
    status: z.literal('CONFIRMED').meta({ description: 'The scan is recorded; the workflow ships exactly these units next (the order goes to SHIPPED)' }),
    confirmedBy: z.string(),
    confirmedAt: z.string(),
    picked: z.array(PickedLot),
    links: z.object({ order: z.string() }),
  })
  .meta({ id: 'ShipmentAccepted' });
export type ShipmentAccepted = z.infer<typeof ShipmentAccepted>;

export const PickTaskView = z
  .object({
    orderId: z.string(),
    round: z.number().int().meta({ description: 'Allocation round: a held lot that took the allocation back makes a new pick' }),
    status: PickTaskStatus,
    customerId: z.string(),
    customerPo: z.string(),
    readyAt: z.string(),
    pickBy: z.string().meta({ description: 'After this instant the order is rejected and its stock released' }),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        gtin: Gtin14,
        quantity: z.number().int(),
        picks: z.array(z.object({ lotNumber: z.string(), expiry: z.string(), quantity: z.number().int(), serials: z.array(z.string()).optional() })),
      }),
    ),
    confirmedBy: z.string().optional(),
    confirmedAt: z.string().optional(),
    shipmentId: z.string().optional(),
    closedReason: z.string().optional(),
  })
  .meta({ id: 'PickTask' });
export type PickTaskView = z.infer<typeof PickTaskView>;

export const PickWorkList = z
  .object({
    picks: z.array(PickTaskView),
    next: z.string().optional().meta({ description: 'Pass as ?cursor= for the next page' }),
  })
  .meta({ id: 'PickWorkList' });
