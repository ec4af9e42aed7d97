import { z } from 'zod';
import { CalendarDateString, DecimalAmount, Gtin14, UtcTimestamp } from '../../platform/schemas/common.js';
import { OrderId } from '../../orders/schemas/order.js';

/** BAK01: the first acknowledgment of a PO, or one that replaces an earlier acknowledgment (a later rejection). */
export const ACK_PURPOSES = ['ORIGINAL', 'REPLACE'] as const;
export const AckPurpose = z.enum(ACK_PURPOSES);
export type AckPurpose = z.infer<typeof AckPurpose>;
/** BAK02: acknowledge with detail and no change, with detail and change, reject with detail. */
export const ACK_TYPES = ['AD', 'AC', 'RD'] as const;
export const AckType = z.enum(ACK_TYPES);
export type AckType = z.infer<typeof AckType>;
export const PO_ACK_STATUSES = ['ACCEPTED', 'ACCEPTED_WITH_CHANGES', 'REJECTED'] as const;
export const PoAckStatus = z.enum(PO_ACK_STATUSES);
export type PoAckStatus = z.infer<typeof PoAckStatus>;
/** ACK01 line statuses used: item accepted, accepted with a price change, with a quantity change, rejected. */
export const LINE_ACK_STATUSES = ['IA', 'IP', 'IQ', 'IR'] as const;
export const LineAckStatus = z.enum(LINE_ACK_STATUSES);
export type LineAckStatus = z.infer<typeof LineAckStatus>;

export const X12Party = z.object({ qualifier: z.string(), id: z.string() });

/** A PO1 line as the buyer sent it, kept for the 855. */
export const EdiLine = z.object({
  lineId: z.string(),
  quantity: z.number().int().positive(),
  unitOfMeasure: z.string(),
  unitPrice: DecimalAmount.optional(),
  productIds: z.array(z.object({ qualifier: z.string(), value: z.string() })),
  gtin: Gtin14,
});
export const EdiLines = z.array(EdiLine);

export const X12Error = z
  .object({
    segment: z.string().meta({ description: 'Segment id, e.g. PO1' }),
    position: z.number().int().meta({ description: 'Position in the transaction set, ST being 1' }),
    element: z.number().int().optional().meta({ description: 'Element position, e.g. 7 for PO107' }),
    code: z.string().meta({ description: 'The AK4 (element) or AK3 (segment) error code' }),
    message: z.string(),
  })
  .meta({ id: 'X12Error' });

export const EdiTransactionSetResult = z
  .object({
    groupControlNumber: z.string(),
    controlNumber: z.string().meta({ description: 'ST02' }),
    transactionSet: z.string().meta({ description: 'ST01, 850' }),
    result: z.enum(['ACCEPTED', 'DUPLICATE', 'REJECTED']),
    customerPo: z.string().optional(),
    orderId: z.string().optional().meta({ description: 'The order created (ACCEPTED) or the one that already has this customer PO (DUPLICATE)' }),
    ackControlNumber: z.string().optional().meta({ description: 'Interchange control number of the 855 to come; fetch it from links.ack' }),
    errors: z.array(X12Error),
    links: z.record(z.string(), z.string()),
  })
  .meta({ id: 'EdiTransactionSetResult' });
export type EdiTransactionSetResult = z.infer<typeof EdiTransactionSetResult>;

export const EdiInterchangeResult = z
  .object({
    interchange: z.object({ senderQualifier: z.string(), senderId: z.string(), controlNumber: z.string(), partnerId: z.string().optional() }),
    status: z.enum(['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED']),
    transactionSets: z.array(EdiTransactionSetResult),
    functionalAck: z.object({ controlNumber: z.string(), x12: z.string() }).meta({ description: 'The 997, as also sent with Accept: application/edi-x12' }),
  })
  .meta({ id: 'EdiInterchangeResult', description: 'Sent with Accept: application/json; otherwise the body is the 997 itself' });
export type EdiInterchangeResult = z.infer<typeof EdiInterchangeResult>;

export const PoAcknowledgmentView = z
  .object({
    controlNumber: z.string(),
    orderId: z.string(),
    customerId: z.string(),
    customerPo: z.string(),
    status: PoAckStatus,
    purpose: AckPurpose.default('ORIGINAL').meta({
      description: 'BAK01 00 (the first 855 of the PO) or 05 (replaces an accepting 855: the order was rejected later)',
    }),
    replaces: z.string().optional().meta({ description: 'On a replacing 855: the control number of the 855 it replaces' }),
    type: AckType.meta({ description: 'BAK02' }),
    poDate: CalendarDateString,
    reason: z.string().optional(),
    lines: z.array(
      z.object({
        lineId: z.string(),
        gtin: Gtin14,
        status: LineAckStatus.meta({ description: 'ACK01: accepted, price changed, quantity changed, rejected' }),
        quantity: z.number().int(),
        unitOfMeasure: z.string(),
        unitPrice: DecimalAmount.optional(),
        sentUnitPrice: DecimalAmount.optional(),
        productIds: z.array(z.object({ qualifier: z.string(), value: z.string() })),
      }),
    ),
    emittedAt: UtcTimestamp,
    x12: z.string(),
  })
  .meta({ id: 'PoAcknowledgment', description: 'The 855 purchase order acknowledgment (JSON with Accept: application/json; otherwise the X12 itself)' });
export type PoAcknowledgmentView = z.infer<typeof PoAcknowledgmentView>;

export const AckControlNumberParam = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform((value) => value.padStart(9, '0'));

/** The AcknowledgeOrder step: the order, and the reason when validation or pricing rejected it. */
export const AcknowledgeOrderInput = z.object({
  orderId: OrderId,
  rejection: z.string().min(1).optional(),
});
