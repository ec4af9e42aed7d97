import { z } from 'zod';
import { Gtin14, UtcTimestamp } from '../../platform/schemas/common.js';
import { LotNumber, SerialNumber } from '../../inventory/schemas/inventory.js';

export const RECALL_CLASSES = ['I', 'II', 'III'] as const;
export const RecallClass = z.enum(RECALL_CLASSES).meta({
  description: 'FDA recall class (21 CFR 7.3): I serious harm or death likely, II temporary or remote harm, III harm unlikely',
});
export type RecallClass = z.infer<typeof RecallClass>;

/**
 * The recall and one claim per lot and per serial are written in one
 * transaction (at most 100 items), so one request names at most 99 lots and
 * serials together; a larger recall is split into several.
 */
export const MAX_RECALL_SERIALS = 90;
export const MAX_RECALL_CLAIMS = 99;

const duplicateOf = (values: readonly string[]) => values.find((value, index) => values.indexOf(value) !== index);

export const CreateRecallRequest = z
  .object({
    class: RecallClass,
    reason: z.string().trim().min(10, 'state the reason and hazard in at least 10 characters').max(2000),
    gtin: Gtin14,
    lots: z.array(LotNumber).max(50, 'at most 50 lots per recall').optional().meta({ description: 'Whole lots to recall' }),
    serials: z
      .array(SerialNumber)
      .max(MAX_RECALL_SERIALS, `at most ${MAX_RECALL_SERIALS} serials per recall`)
      .optional()
      .meta({ description: 'Single serialized units to recall (their lots stay available otherwise)' }),
  })
  .strict()
  .superRefine((request, context) => {
    const lots = request.lots ?? [];
    const serials = request.serials ?? [];
    if (lots.length === 0 && serials.length === 0) context.addIssue({ code: 'custom', path: ['lots'], message: 'name at least one lot or serial' });
    const lot = duplicateOf(lots);
    if (lot !== undefined) context.addIssue({ code: 'custom', path: ['lots'], message: `lot ${lot} is named twice` });
    const serial = duplicateOf(serials);
    if (serial !== undefined) context.addIssue({ code: 'custom', path: ['serials'], message: `serial ${serial} is named twice` });
    if (lots.length + serials.length > MAX_RECALL_CLAIMS) {
      context.addIssue({
        code: 'custom',
        path: ['serials'],
        message: `at most ${MAX_RECALL_CLAIMS} lots and serials together per recall; split it into several recalls`,
      });
    }
  })
  .meta({ id: 'CreateRecallRequest', description: 'A recall of lots and/or serial numbers of one product' });
export type CreateRecallRequest = z.infer<typeof CreateRecallRequest>;

export const RECALL_STATUSES = ['OPEN', 'CONTAINED', 'NOTIFIED', 'COMPLETED', 'CLOSED', 'FAILED'] as const;
export const RecallStatus = z.enum(RECALL_STATUSES);
export type RecallStatus = z.infer<typeof RecallStatus>;

export const RecallAccepted = z.object({ recallId: z.string(), status: RecallStatus, links: z.record(z.string(), z.string()) }).meta({ id: 'RecallAccepted' });
export type RecallAccepted = z.infer<typeof RecallAccepted>;

export const RecallProgress = z
  .object({
    consignees: z.number().int(),
    notified: z.number().int().meta({ description: 'Letters accepted by the mail service (whatever happened to them next)' }),
    notificationFailed: z.number().int().meta({ description: 'Letters the mail service refused, or consignees without an address' }),
    delivered: z.number().int().meta({ description: 'Letters the recipient’s mail server accepted (complained-about ones included)' }),
    bounced: z.number().int().meta({ description: 'Letters that bounced: the consignee needs another contact route (see needsFollowUp)' }),
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
    serials: z.array(z.object({ serial: z.string(), lotNumber: z.string() })).meta({ description: 'Single units recalled, with their lots' }),
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
    heldSerials: z.array(z.object({ serial: z.string(), lotNumber: z.string(), previousStatus: z.string(), status: z.string() })),
    needsFollowUp: z
      .array(z.object({ customerId: z.string(), legalName: z.string(), letterStatus: z.string(), detail: z.string().optional() }))
      .meta({ description: 'Consignees whose letter failed, bounced or drew a complaint: reach them by another route (phone, post)' }),
    closure: z.object({ closedAt: UtcTimestamp, closedBy: z.string(), outcome: z.string(), reason: z.string(), override: z.string().optional() }).optional(),
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

/**
 * A letter is PENDING until SES accepts it (SENT) or refuses it (FAILED);
 * SES then reports DELIVERED, BOUNCED or COMPLAINED (see domain/letter-status.ts).
 */
export const LETTER_STATUSES = ['PENDING', 'SENT', 'FAILED', 'DELIVERED', 'BOUNCED', 'COMPLAINED'] as const;
export const LetterStatus = z.enum(LETTER_STATUSES).meta({ id: 'RecallLetterStatus' });
export type LetterStatus = z.infer<typeof LetterStatus>;

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
    letter: z.object({
      status: LetterStatus,
      messageId: z.string().optional(),
      sentAt: UtcTimestamp.optional(),
      error: z.string().optional(),
      eventAt: UtcTimestamp.optional().meta({ description: 'When the mail service reported the delivery, bounce or complaint' }),
      detail: z.string().optional(),
    }),
    acknowledgement: z
      .object({
        acknowledgedAt: UtcTimestamp,
        contactName: z.string(),
        quantityOnHand: z.number().int(),
        serialsOnHand: z.array(z.string()).optional(),
        comment: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'RecallConsignee' });
export type RecallConsignee = z.infer<typeof RecallConsignee>;

export const RecallPackage = z
  .object({
    recall: RecallView,
    consignees: z.array(RecallConsignee),
    stockOnHand: z.array(z.object({ lotNumber: z.string(), expiry: z.string(), status: z.string(), onHand: z.number().int(), reserved: z.number().int() })),
    stoppedOrders: z.array(
      z.object({
        orderId: z.string(),
        lineNo: z.number().int(),
        lotNumber: z.string(),
        quantity: z.number().int(),
        serials: z.array(z.string()).optional().meta({ description: 'For a recall of serials: the recalled units the stopped order held' }),
      }),
    ),
  })
  .meta({
    id: 'RecallPackage',
    description:
      'Everything a recall needs (21 CFR 7.49, EU MDR Art. 14/25): consignees with quantities, dates and documents, stock still here, orders stopped, letters and acknowledgements',
  });
export type RecallPackage = z.infer<typeof RecallPackage>;

export const RecallAckForm = z
  .object({
    contactName: z.string().trim().min(1, 'your name is required').max(200),
    quantityOnHand: z.coerce.number().int('a whole number of units').min(0, 'cannot be negative').max(10_000_000),
    serialsOnHand: z
      .preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(z.string().trim().min(1).max(20)).max(MAX_RECALL_SERIALS))
      .optional()
      .meta({ description: 'For a recall of serials: the recalled serials still on hand (one form field per ticked serial)' }),
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

export const RecallCloseRequest = z
  .object({
    outcome: z.enum(['EFFECTIVE', 'TERMINATED', 'INEFFECTIVE']).meta({
      description:
        'EFFECTIVE: every consignee reached and the units recovered or corrected; TERMINATED: closed by the authority (21 CFR 7.55); INEFFECTIVE: ended without reaching its goal',
    }),
    reason: z.string().trim().min(10, 'say why the recall can close in at least 10 characters').max(2000),
    override: z
      .object({ justification: z.string().trim().min(20, 'justify closing with open letters in at least 20 characters').max(2000) })
      .strict()
      .optional()
      .meta({ description: 'Close although letters are undelivered or unacknowledged; the justification is recorded and archived' }),
  })
  .strict()
  .meta({ id: 'RecallCloseRequest', description: 'Closing a recall: its claims on lots and serials end; held stock stays held until quality decides' });
export type RecallCloseRequest = z.infer<typeof RecallCloseRequest>;
