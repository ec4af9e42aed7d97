import { Entity } from 'dynamodb-toolbox/entity';
import { item, list, map, number, record, string } from 'dynamodb-toolbox/schema';
import { table } from '../../platform/data/table.js';
import { LETTER_STATUSES, RECALL_CLASSES, RECALL_STATUSES } from '../schemas/recall.js';

/**
 * A recall and everything it produced live in one partition, `RECALL#{id}`:
 * the recall record (SK `RECALL`) and one record per consignee (SK
 * `CONSIGNEE#{customerId}`) with its shipments, letter and acknowledgement.
 * The package and the progress are one query. Every item carries `changedBy`
 * (and `changeReason` where there is one) for the stream-derived audit trail.
 */
export const RecallEntity = new Entity({
  name: 'Recall',
  table,
  schema: item({
    recallId: string().key(),
    recallClass: string().enum(...RECALL_CLASSES),
    reason: string(),
    gtin: string(),
    lots: list(string()),
    /** Single units recalled, with the lot each belongs to (read when the recall was created). */
    serials: list(map({ serial: string(), lotNumber: string() })).optional(),
    status: string().enum(...RECALL_STATUSES),
    statusReason: string().optional(),
    createdAt: string(),
    createdBy: string(),
    containedAt: string().optional(),
    notifiedAt: string().optional(),
    completedAt: string().optional(),
    responseTimeMs: number().optional(),
    heldLots: list(map({ lotNumber: string(), previousStatus: string(), status: string() })).optional(),
    heldSerials: list(map({ serial: string(), lotNumber: string(), previousStatus: string(), status: string() })).optional(),
    stoppedLines: list(map({ orderId: string(), lineNo: number(), lotNumber: string(), quantity: number(), serials: list(string()).optional() })).optional(),
    stockOnHand: list(map({ lotNumber: string(), expiry: string(), status: string(), onHand: number(), reserved: number() })).optional(),
    archive: map({ bucket: string(), key: string(), versionId: string(), sha256: string() }).optional(),
    closedAt: string().optional(),
    closedBy: string().optional(),
    closeOutcome: string().optional(),
    closeReason: string().optional(),
    /** Why the recall was closed although letters were undelivered or unacknowledged. */
    closeOverride: string().optional(),
    /** Set once the closed recall's final package version is archived (a close retried after a crash finishes it). */
    closeArchivedAt: string().optional(),
    changedBy: string(),
    changeReason: string().optional(),
  }).and((previous) => ({
    recallKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ recallId }) => `RECALL#${recallId}`),
    recordType: string().key().const('RECALL').savedAs('SK').hidden(),
  })),
});

const address = map({ name: string(), line1: string(), line2: string().optional(), city: string(), postalCode: string(), country: string() });

export const RecallConsigneeEntity = new Entity({
  name: 'RecallConsignee',
  table,
  schema: item({
    recallId: string().key(),
    customerId: string().key(),
    legalName: string(),
    contactEmail: string().optional(),
    address: address.optional(),
    quantity: number(),
    quantityByLot: record(string(), number()),
    shipments: list(
      map({
        lotNumber: string(),
        quantity: number(),
        serials: list(string()).optional(),
        shippedAt: string(),
        orderId: string(),
        shipmentId: string(),
        invoiceNumber: string().optional(),
      }),
    ),
    ackId: string(),
    letterStatus: string().enum(...LETTER_STATUSES),
    letterMessageId: string().optional(),
    letterSentAt: string().optional(),
    letterError: string().optional(),
    /** When the mail service reported the outcome now recorded (delivery, bounce, complaint): later reports only. */
    letterEventAt: string().optional(),
    letterEventDetail: string().optional(),
    acknowledgedAt: string().optional(),
    ackContactName: string().optional(),
    ackQuantityOnHand: number().optional(),
    /** For recalled serials: which of them the consignee still holds. */
    ackSerialsOnHand: list(string()).optional(),
    ackComment: string().optional(),
    changedBy: string(),
    changeReason: string().optional(),
  }).and((previous) => ({
    recallKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ recallId }) => `RECALL#${recallId}`),
    consigneeKey: string()
      .key()
      .savedAs('SK')
      .hidden()
      .link<typeof previous>(({ customerId }) => `CONSIGNEE#${customerId}`),
  })),
});

/** The emailed acknowledgement link: an opaque id that names one consignee of one recall, nothing else. */
export const RecallAckEntity = new Entity({
  name: 'RecallAck',
  table,
  schema: item({
    ackId: string().key(),
    recallId: string(),
    customerId: string(),
    changedBy: string(),
  }).and((previous) => ({
    ackKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ ackId }) => `RECALLACK#${ackId}`),
    recordType: string().key().const('RECALLACK').savedAs('SK').hidden(),
  })),
});

/** One recall per lot: the claim is put with the recall, only if absent. */
export const RecallLotClaimEntity = new Entity({
  name: 'RecallLotClaim',
  table,
  schema: item({
    gtin: string().key(),
    lotNumber: string().key(),
    recallId: string(),
    claimedAt: string(),
    changedBy: string(),
    changeReason: string().optional(),
  }).and((previous) => ({
    claimKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ gtin, lotNumber }) => `RECALLCLAIM#${gtin}#${lotNumber}`),
    recordType: string().key().const('CLAIM').savedAs('SK').hidden(),
  })),
});

/** One recall per serial: the claim is put with the recall, only if absent, and deleted when the recall closes. */
export const RecallSerialClaimEntity = new Entity({
  name: 'RecallSerialClaim',
  table,
  schema: item({
    gtin: string().key(),
    serial: string().key(),
    recallId: string(),
    claimedAt: string(),
    changedBy: string(),
    changeReason: string().optional(),
  }).and((previous) => ({
    claimKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ gtin, serial }) => `RECALLSERIAL#${gtin}#${serial}`),
    recordType: string().key().const('CLAIM').savedAs('SK').hidden(),
  })),
});

/** Finds the consignee a letter went to from the mail service's message id (delivery, bounce and complaint events name only that). */
export const RecallLetterEntity = new Entity({
  name: 'RecallLetter',
  table,
  schema: item({
    messageId: string().key(),
    recallId: string(),
    customerId: string(),
    changedBy: string(),
  }).and((previous) => ({
    letterKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ messageId }) => `RECALLLETTER#${messageId}`),
    recordType: string().key().const('RECALLLETTER').savedAs('SK').hidden(),
  })),
});
