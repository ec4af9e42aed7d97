import { Entity } from 'dynamodb-toolbox/entity';
import { any, item, number, string } from 'dynamodb-toolbox/schema';
import { table } from '../../platform/data/table.js';

/**
 * What an EDI purchase order carried beyond the canonical order: the
 * partner's envelope ids (to address the 855 back), the PO1 line ids, units
 * and product ids (to echo them), and the 855's control number, given at
 * intake so the partner learns where to fetch it. Keyed by customer and PO,
 * like the PO claim, and written before the order so the workflow always
 * finds it: `PK=EDIPO#{customerId}#{customerPo}`, `SK=EDI850`.
 */
export const EdiPurchaseOrderEntity = new Entity({
  name: 'EdiPurchaseOrder',
  table,
  schema: item({
    poKey: string().key().savedAs('PK'),
    recordType: string().key().const('EDI850').savedAs('SK').hidden(),
    customerId: string(),
    customerPo: string(),
    orderId: string().optional(),
    interchangeKey: string(),
    partnerId: string(),
    sender: any(),
    receiver: any(),
    groupSender: string(),
    groupReceiver: string(),
    version: string(),
    usage: string(),
    groupControlNumber: string(),
    setControlNumber: string(),
    ackControlNumber: string(),
    /** The control number of the 855 that replaces an accepting one when the order is rejected later; claimed once. */
    revisionControlNumber: string().optional(),
    poDate: string(),
    lines: any(),
    submittedBy: string(),
    receivedAt: string(),
    changedBy: string(),
    changeReason: string().optional(),
  }),
});

/**
 * A purchase order acknowledgment (855) as sent: written once, when the
 * order's fate at intake, validation and pricing is known. It is the event:
 * the stream publisher sends it to the bus. `PK=EDI855#{controlNumber}`, `SK=EDI855`.
 */
export const PoAcknowledgmentEntity = new Entity({
  name: 'PoAcknowledgment',
  table,
  schema: item({
    controlNumber: string().key().savedAs('PK'),
    recordType: string().key().const('EDI855').savedAs('SK').hidden(),
    eventType: string().const('PO_ACKNOWLEDGMENT'),
    orderId: string(),
    customerId: string(),
    customerPo: string(),
    partnerId: string(),
    status: string(),
    /** Absent on the first 855 of a PO; on a revision, the control number of the 855 it replaces. */
    replaces: string().optional(),
    ack: any(),
    x12: string(),
    submittedBy: string(),
    emittedAt: string(),
    changedBy: string(),
    changeReason: string().optional(),
  }),
});

/** The interchange control numbers we send (ISA13), one counter: `PK=EDI#CONTROL`, `SK=ISA`. */
export const EdiControlCounterEntity = new Entity({
  name: 'EdiControlCounter',
  table,
  schema: item({
    counterKey: string().key().const('EDI#CONTROL').savedAs('PK'),
    recordType: string().key().const('ISA').savedAs('SK').hidden(),
    last: number(),
    changedBy: string(),
  }),
});
