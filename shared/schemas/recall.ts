import { z } from 'zod';
import { Gtin14, UtcTimestamp } from './common.js';

export const RecallClass = z.enum(['I', 'II', 'III']).meta({
  description: 'FDA recall class (21 CFR 7.3): I serious harm or death likely, II temporary or remote harm, III harm unlikely',
});
export type RecallClass = z.infer<typeof RecallClass>;

export const CreateRecallRequest = z
  .object({
    class: RecallClass,
    reason: z.string().trim().min(10, 'state the reason and hazard in at least 10 characters').max(2000),
    gtin: Gtin14,
    lots: z
      .array(z.string().trim().min(1).max(20))
      .min(1, 'name at least one lot')
      .max(50, 'at most 50 lots per recall')
      .refine((lots) => new Set(lots).size === lots.length, 'a lot is named twice'),
  })
  .strict()
  .meta({ id: 'CreateRecallRequest', description: 'A recall of lots of one product' });
export type CreateRecallRequest = z.infer<typeof CreateRecallRequest>;

export const RecallStatus = z.enum(['OPEN', 'CONTAINED', 'NOTIFIED', 'COMPLETED', 'FAILED']);
export type RecallStatus = z.infer<typeof RecallStatus>;

export const RecallAccepted = z
  .object({ recallId: z.string(), status: RecallStatus, links: z.record(z.string(), z.string()) })
  .meta({ id: 'RecallAccepted' });
export type RecallAccepted = z.infer<typeof RecallAccepted>;

export const RecallProgress = z
  .object({
    consignees: z.number().int(),
    notified: z.number().int().meta({ description: 'Letters accepted by the mail service' }),
    notificationFailed: z.number().int(),
    acknowledged: z.number().int(),
    unitsShipped: z.number().int(),
    unitsRecovered: z.number().int().meta({ description: 'Units the acknowledging consignees reported still on hand, to be returned' }),
  })
  .meta({ id: 'RecallProgress' });
export type RecallProgress = z.infer<typeof RecallProgress>;

export const RecallView = z
  .object({
    recallId: z.string(),
    class: RecallClass,
    reason: z.string(),
    gtin: Gtin14,
    lots: z.array(z.string()),
    status: RecallStatus,
    statusReason: z.string().optional(),
    createdAt: UtcTimestamp,
    createdBy: z.string(),
    containedAt: UtcTimestamp.optional(),
    notifiedAt: UtcTimestamp.optional(),
    completedAt: UtcTimestamp.optional(),
    responseTimeMs: z.number().int().optional().meta({ description: 'Recall created to all letters sent and the package archived' }),
    stoppedOrders: z.array(z.string()),
    heldLots: z.array(z.object({ lotNumber: z.string(), previousStatus: z.string(), status: z.string() })),
    archive: z.object({ bucket: z.string(), key: z.string(), versionId: z.string(), sha256: z.string() }).optional(),
    progress: RecallProgress,
  })
  .meta({ id: 'Recall' });
export type RecallView = z.infer<typeof RecallView>;

export const RecallShipment = z
  .object({
    lotNumber: z.string(),
    quantity: z.number().int(),
    serials: z.array(z.string()).optional(),
    shippedAt: UtcTimestamp,
    orderId: z.string(),
    shipmentId: z.string(),
    invoiceNumber: z.string().optional(),
  })
  .meta({ id: 'RecallShipment' });
export type RecallShipment = z.infer<typeof RecallShipment>;

export const ShipToAddress = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  postalCode: z.string(),
  country: z.string(),
});

export const RecallConsignee = z
  .object({
    customerId: z.string(),
    legalName: z.string(),
    contactEmail: z.string().optional(),
    address: ShipToAddress.optional().meta({ description: 'Where the latest affected shipment went' }),
    quantity: z.number().int(),
    quantityByLot: z.record(z.string(), z.number().int()),
    shipments: z.array(RecallShipment),
    letter: z.object({ status: z.enum(['PENDING', 'SENT', 'FAILED']), messageId: z.string().optional(), sentAt: UtcTimestamp.optional(), error: z.string().optional() }),
    acknowledgement: z
      .object({ acknowledgedAt: UtcTimestamp, contactName: z.string(), quantityOnHand: z.number().int(), comment: z.string().optional() })
      .optional(),
  })
  .meta({ id: 'RecallConsignee' });
export type RecallConsignee = z.infer<typeof RecallConsignee>;

export const RecallPackage = z
  .object({
    recall: RecallView,
    consignees: z.array(RecallConsignee),
    stockOnHand: z.array(z.object({ lotNumber: z.string(), expiry: z.string(), status: z.string(), onHand: z.number().int(), reserved: z.number().int() })),
    stoppedOrders: z.array(z.object({ orderId: z.string(), lineNo: z.number().int(), lotNumber: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'RecallPackage', description: 'Everything a recall needs (21 CFR 7.49, EU MDR Art. 14/25): consignees with quantities, dates and documents, stock still here, orders stopped, letters and acknowledgements' });
export type RecallPackage = z.infer<typeof RecallPackage>;

export const RecallAckForm = z
  .object({
    contactName: z.string().trim().min(1, 'your name is required').max(200),
    quantityOnHand: z.coerce.number().int('a whole number of units').min(0, 'cannot be negative').max(10_000_000),
    comment: z.string().trim().max(1000).optional(),
  })
  .strict()
  .meta({ id: 'RecallAckForm', description: 'Sent as application/x-www-form-urlencoded (the page form) or JSON' });
export type RecallAckForm = z.infer<typeof RecallAckForm>;

/** Acknowledgement ids are bearer capabilities sent by email: 160 random bits, base64url. */
export const RecallAckId = z.string().regex(/^[A-Za-z0-9_-]{27}$/);

export const RecallIdParam = z.string().regex(/^RCL-[0-9A-Z]{26}$/);

/** Input of each recall workflow step. */
export const RecallStepInput = z.object({ recallId: RecallIdParam });
export const RecallFailInput = z.object({ recallId: RecallIdParam, error: z.string().optional() });
