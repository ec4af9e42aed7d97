import { z } from 'zod';
import { ApprovalReason, SignatureMeaning } from '../../approvals/schemas/approval-policy.js';
import { CandidateLevel, CandidateStatus } from '../../master-data/schemas/pricing.js';
import { CalendarDateString, CurrencyCode, DecimalAmount, Gtin14, singleLineText, UnitPrice, UtcTimestamp } from '../../platform/schemas/common.js';
import { PaymentStatus } from '../../receivables/schemas/payment.js';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../domain/order-limits.js';

/** An order id as newOrderId (shared/platform/domain/ids.ts) mints it: ORD- and 26 base-32 characters (longer ids are accepted). */
export const OrderId = z.string().regex(/^ORD-[0-9A-Z]{26,}$/, 'not an order id (ORD- followed by 26 characters)');

export const ORDER_STATUSES = [
  'RECEIVED',
  'VALIDATED',
  'PRICED',
  'CREDIT_CHECKED',
  'AWAITING_APPROVAL',
  'APPROVED',
  'AWAITING_STOCK',
  'ALLOCATED',
  // Allocated and waiting for the warehouse to scan it at the packing station (POST /v1/shipments).
  'READY_TO_PICK',
  'SHIPPED',
  'INVOICED',
  'ARCHIVED',
  'REJECTED',
  'FAILED',
  // The workflow could not finish it (a close that kept failing, or invoicing or archiving after shipment): an
  // operator settles it. Stock is given back unless goods shipped; it still counts towards credit exposure.
  'NEEDS_ATTENTION',
  // Near-duplicate intake (shared/orders/services/place-order.ts): held without a workflow until resolved.
  'POSSIBLE_DUPLICATE',
  'MERGED',
  'CANCELLED',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** The sales channels are the kernel's (callers are identified by them); orders carry them. */
import { Channel } from '../../platform/channels.js';
export { CHANNELS, Channel, ChannelClients } from '../../platform/channels.js';

export const Address = z
  .object({
    name: singleLineText({ max: 100 }),
    line1: singleLineText({ max: 100 }),
    line2: singleLineText({ min: 0, max: 100 }).optional(),
    city: singleLineText({ max: 60 }),
    postalCode: singleLineText({ max: 20 }),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
  })
  .strict()
  .meta({ id: 'Address' });
export type Address = z.infer<typeof Address>;

export const UnitOfMeasure = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{1,5}$/, 'a UN/ECE unit code such as EA, BX, PK');

export const OrderLineRequest = z
  .object({
    gtin: Gtin14,
    quantity: z.number().int('must be a whole number of units').min(1).max(MAX_LINE_QUANTITY),
    expectedUnitPrice: UnitPrice.optional().meta({
      description: 'Price the buyer expects; a difference from the computed price needs approval',
    }),
    unitOfMeasure: UnitOfMeasure.optional().meta({ description: 'The unit ordered; when sent it must be the unit the product is sold in' }),
  })
  .strict()
  .meta({ id: 'OrderLineRequest' });

export const PlaceOrderRequest = z
  .object({
    customerId: singleLineText({ max: 64 }),
    customerPo: singleLineText({ max: 35 }).meta({ description: "The buyer's purchase order number" }),
    requestedDeliveryDate: CalendarDateString.optional(),
    shipTo: Address,
    lines: z.array(OrderLineRequest).min(1, 'an order needs at least one line').max(MAX_ORDER_LINES, `at most ${MAX_ORDER_LINES} lines per order`),
  })
  .strict()
  .meta({ id: 'PlaceOrderRequest' });
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

export const LotAllocation = z
  .object({ lotNumber: z.string(), expiry: CalendarDateString, quantity: z.number().int().positive(), serials: z.array(z.string()).optional() })
  .meta({ id: 'LotAllocation' });
export type LotAllocation = z.infer<typeof LotAllocation>;

export const PriceCandidate = z
  .object({
    rule: z.string(),
    level: CandidateLevel,
    amount: DecimalAmount.optional().meta({ description: 'Unit price the rule gives (price rules) or discount per unit (promotions)' }),
    status: CandidateStatus,
    reason: z.string(),
  })
  .meta({ id: 'PriceCandidate' });

export const PriceExplanation = z
  .object({
    candidates: z.array(PriceCandidate).meta({ description: 'Every price rule that has the product, in precedence order' }),
    chosen: z.string(),
    why: z.string(),
    quantityBreak: z.object({ minQuantity: z.number().int(), unitPrice: DecimalAmount }).optional(),
    promotions: z.array(PriceCandidate),
  })
  .meta({ id: 'PriceExplanation', description: 'Why the line has its price, frozen when the order was priced' });

export const PriceConflict = z
  .object({ expectedUnitPrice: DecimalAmount, computedUnitPrice: DecimalAmount, rule: z.string(), suggestion: z.string() })
  .meta({ id: 'PriceConflict', description: 'The channel sent another price than the computed one; the computed price stands' });

export const OrderLine = z
  .object({
    lineNo: z.number().int().positive(),
    gtin: Gtin14,
    quantity: z.number().int().positive(),
    unitOfMeasure: UnitOfMeasure.optional(),
    expectedUnitPrice: DecimalAmount.optional(),
    listPrice: DecimalAmount.optional(),
    unitPrice: DecimalAmount.optional(),
    lineTotal: DecimalAmount.optional(),
    priceSource: z.string().optional().meta({ description: 'The rule that produced the price, e.g. contract:C-17 or price-list:PL-EU-2026' }),
    grossAmount: DecimalAmount.optional(),
    discountAmount: DecimalAmount.optional(),
    discounts: z.array(z.object({ promotionId: z.string(), perUnit: DecimalAmount })).optional(),
    explanation: PriceExplanation.optional(),
    priceConflict: PriceConflict.optional(),
    allocations: z.array(LotAllocation).optional(),
  })
  .meta({ id: 'OrderLine' });
export type OrderLine = z.infer<typeof OrderLine>;

export { ApprovalReason } from '../../approvals/schemas/approval-policy.js';

export const RequiredApprovalView = z.object({ reason: ApprovalReason, role: z.string(), detail: z.string() }).meta({ id: 'RequiredApproval' });

export const SignatureView = z
  .object({
    approvalId: z.string(),
    reason: ApprovalReason,
    signerUsername: z.string(),
    signerName: z.string(),
    signedAt: UtcTimestamp,
    meaning: SignatureMeaning,
    meaningText: z.string(),
    comment: z.string().optional(),
    orderVersion: z.number().int(),
    orderContentHash: z.string(),
  })
  .meta({ id: 'Signature', description: 'Electronic signature manifestation (21 CFR 11.50): printed name, time, meaning' });
export type SignatureView = z.infer<typeof SignatureView>;

export const TimelineEvent = z
  .object({
    eventId: z.string(),
    type: z.string(),
    at: UtcTimestamp,
    actor: z.string(),
    status: OrderStatus,
    detail: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'TimelineEvent' });
export type TimelineEvent = z.infer<typeof TimelineEvent>;

const SignedObjectReference = z.object({
  key: z.string(),
  versionId: z.string(),
  sha256: z.string(),
  signatureKey: z.string(),
  signatureVersionId: z.string(),
});

export const ArchiveReference = z
  .object({
    bucket: z.string(),
    key: z.string(),
    versionId: z.string(),
    sha256: z.string(),
    signatureKey: z.string(),
    signatureVersionId: z.string().optional(),
    retainUntil: CalendarDateString.optional(),
    pdf: SignedObjectReference.optional().meta({ description: 'The PDF rendering of the record, with its own detached signature' }),
  })
  .meta({ id: 'ArchiveReference' });
export type ArchiveReference = z.infer<typeof ArchiveReference>;

export const InvoiceView = z
  .object({
    invoiceNumber: z.string(),
    issueDate: CalendarDateString,
    dueDate: CalendarDateString,
    currency: CurrencyCode,
    total: DecimalAmount,
    paymentStatus: PaymentStatus,
    openBalance: DecimalAmount,
  })
  .meta({ id: 'Invoice' });

export const INTAKE_CONFLICT_CODES = [
  'CUSTOMER_NOT_ALLOWED',
  'CHANNEL_NOT_ALLOWED',
  'UNKNOWN_CUSTOMER',
  'UNKNOWN_GTIN',
  'PRODUCT_ON_HOLD',
  'UNIT_NOT_SOLD',
  'UNKNOWN_SHIP_TO',
  'LICENCE_EXPIRED',
  'TOO_MANY_SERIALS_TO_SCAN',
] as const;
export const IntakeConflictCode = z.enum(INTAKE_CONFLICT_CODES);
export type IntakeConflictCode = z.infer<typeof IntakeConflictCode>;

export const IntakeConflict = z
  .object({
    code: IntakeConflictCode,
    lineNo: z.number().int().positive().optional().meta({ description: 'The order line (1-based); absent for order-level conflicts' }),
    field: z.string().meta({ description: 'The request field at fault, e.g. lines.0.gtin or shipTo' }),
    blocking: z.boolean().meta({ description: 'true: the order was refused (422); false: accepted and flagged' }),
    message: z.string(),
    suggestion: z
      .object({
        text: z.string(),
        gtin: Gtin14.optional(),
        unitOfMeasure: UnitOfMeasure.optional(),
        shipTo: Address.optional(),
      })
      .optional()
      .meta({ description: 'A correction the sender can apply; absent when nothing better is known' }),
  })
  .meta({ id: 'IntakeConflict', description: 'One problem found at intake, per line where it belongs, with a correction suggestion' });
export type IntakeConflict = z.infer<typeof IntakeConflict>;

export const DUPLICATE_RESOLUTIONS = ['MERGE', 'KEEP', 'CANCEL'] as const;

export const PossibleDuplicate = z
  .object({
    orderId: z.string().meta({ description: 'The earlier order with the same customer, ship-to and GTIN quantities' }),
    customerPo: z.string(),
    receivedAt: UtcTimestamp,
    suggestedActions: z.array(z.enum(DUPLICATE_RESOLUTIONS)),
  })
  .meta({ id: 'PossibleDuplicate' });
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>;

export const OrderView = z
  .object({
    orderId: z.string(),
    status: OrderStatus,
    statusReason: z.string().optional(),
    channel: Channel,
    customerId: z.string(),
    customerPo: z.string(),
    additionalCustomerPos: z.array(z.string()).optional().meta({ description: 'POs of orders merged into this one' }),
    possibleDuplicate: PossibleDuplicate.optional().meta({ description: 'Set while (and after) the order is held as a possible duplicate' }),
    mergedInto: z.string().optional().meta({ description: 'The order this one was merged into (status MERGED)' }),
    mergedFrom: z.array(z.string()).optional().meta({ description: 'Held orders merged into this one' }),
    intakeConflicts: z.array(IntakeConflict).optional().meta({ description: 'Non-blocking conflicts flagged at intake' }),
    requestedDeliveryDate: CalendarDateString.optional(),
    shipTo: Address,
    currency: CurrencyCode.optional(),
    total: DecimalAmount.optional(),
    approvalReasons: z.array(ApprovalReason).optional(),
    requiredApprovals: z.array(RequiredApprovalView).optional(),
    signatures: z.array(SignatureView),
    lines: z.array(OrderLine),
    invoice: InvoiceView.optional(),
    archive: ArchiveReference.optional(),
    createdAt: UtcTimestamp,
    updatedAt: UtcTimestamp,
    timeline: z.array(TimelineEvent),
    links: z.record(z.string(), z.string()),
  })
  .meta({ id: 'Order' });
export type OrderView = z.infer<typeof OrderView>;

/** An order line as its channel sees it: quantities, prices and the lots shipped, without the pricing rules weighed. */
export const ChannelOrderLine = OrderLine.omit({ explanation: true }).meta({ id: 'ChannelOrderLine' });

export const ChannelTimelineEvent = z
  .object({ type: z.string(), at: UtcTimestamp, status: OrderStatus })
  .meta({ id: 'ChannelTimelineEvent', description: 'A customer-facing event of the order: what happened and when, not who inside did it or why' });
export type ChannelTimelineEvent = z.infer<typeof ChannelTimelineEvent>;

export const ShipmentView = z
  .object({ shipmentId: z.string(), shippedAt: UtcTimestamp, shipFrom: z.string().optional() })
  .meta({ id: 'Shipment', description: 'A shipment of the order (its advance ship notice has the same id); the lots are on the lines' });

/**
 * The order as the channel that sent it reads it (a partner's token): status,
 * lines, prices, shipments and invoice, and a timeline of customer-facing
 * events. The distributor's internal reasoning (credit limit and exposure,
 * approvals and who signed them, their comments, failed signature attempts,
 * price rules weighed, the archive) is only in the staff view (Order).
 */
export const ChannelOrderView = OrderView.pick({
  orderId: true,
  status: true,
  statusReason: true,
  channel: true,
  customerId: true,
  customerPo: true,
  additionalCustomerPos: true,
  possibleDuplicate: true,
  mergedInto: true,
  mergedFrom: true,
  intakeConflicts: true,
  requestedDeliveryDate: true,
  shipTo: true,
  currency: true,
  total: true,
  invoice: true,
  createdAt: true,
  updatedAt: true,
  links: true,
})
  .extend({
    lines: z.array(ChannelOrderLine),
    shipments: z.array(ShipmentView),
    timeline: z.array(ChannelTimelineEvent),
  })
  .meta({ id: 'ChannelOrder', description: 'The order as its channel reads it (a partner token); staff read Order' });
export type ChannelOrderView = z.infer<typeof ChannelOrderView>;

export const OrderAccepted = z
  .object({
    orderId: z.string(),
    status: OrderStatus,
    links: z.record(z.string(), z.string()),
    possibleDuplicate: PossibleDuplicate.optional(),
    intakeConflicts: z.array(IntakeConflict).optional().meta({ description: 'Accepted but flagged: non-blocking conflicts' }),
  })
  .meta({ id: 'OrderAccepted', description: 'RECEIVED (workflow started) or POSSIBLE_DUPLICATE (held; resolve with merge, keep or cancel)' });
export type OrderAccepted = z.infer<typeof OrderAccepted>;

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['ARCHIVED', 'REJECTED', 'FAILED', 'MERGED', 'CANCELLED']);

export const MergeRequest = z
  .object({ targetOrderId: OrderId })
  .strict()
  .meta({ id: 'MergeRequest', description: 'The earlier, open and not yet allocated order to merge the held order into' });
export type MergeRequest = z.infer<typeof MergeRequest>;

export const CancelRequest = z
  .object({ reason: z.string().trim().min(3, 'say why the order is cancelled').max(500) })
  .strict()
  .meta({ id: 'CancelRequest' });
export type CancelRequest = z.infer<typeof CancelRequest>;

export const ResolutionResult = z
  .object({ orderId: z.string(), status: OrderStatus, mergedInto: z.string().optional(), links: z.record(z.string(), z.string()) })
  .meta({ id: 'DuplicateResolution' });
export type ResolutionResult = z.infer<typeof ResolutionResult>;
