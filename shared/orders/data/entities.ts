import { Entity } from 'dynamodb-toolbox/entity';
import { any, item, list, map, number, string } from 'dynamodb-toolbox/schema';
import { prefix } from 'dynamodb-toolbox/transformers/prefix';
import { ORDER_STATUSES, CHANNELS } from '../schemas/order.js';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '../../receivables/schemas/payment.js';
import { table } from '../../platform/data/table.js';

const address = map({
  name: string(),
  line1: string(),
  line2: string().optional(),
  city: string(),
  postalCode: string(),
  country: string(),
});

const orderLine = map({
  lineNo: number(),
  gtin: string(),
  quantity: number(),
  unitOfMeasure: string().optional(),
  expectedUnitPrice: string().optional(),
  listPrice: string().optional(),
  unitPrice: string().optional(),
  lineTotal: string().optional(),
  priceSource: string().optional(),
  // Frozen by the Price step with the price (shared/master-data/domain/pricing.ts): never recomputed.
  grossAmount: string().optional(),
  discountAmount: string().optional(),
  discounts: any().optional(),
  explanation: any().optional(),
  priceConflict: any().optional(),
  allocations: list(map({ lotNumber: string(), expiry: string(), quantity: number(), serials: list(string()).optional() })).optional(),
});

/**
 * The order aggregate. `version` is bumped by every change and every change
 * is conditional on the version read, so two writers never overwrite each
 * other. While the order counts towards the customer's credit exposure it
 * carries `exposureCustomer`, which puts it on the sparse GSI1.
 */
export const OrderEntity = new Entity({
  name: 'Order',
  table,
  schema: item({
    orderId: string().key().transform(prefix('ORDER')).savedAs('PK'),
    recordType: string().key().const('ORDER').savedAs('SK').hidden(),
    version: number(),
    status: string().enum(...ORDER_STATUSES),
    statusReason: string().optional(),
    /** When the order first came up short of stock; it waits for stock from then, for a bounded time. */
    awaitingStockSince: string().optional(),
    /** How often a held lot took the order's allocation back before it shipped (each new allocation is its own event). */
    reallocations: number().optional(),
    channel: string().enum(...CHANNELS),
    submittedBy: string(),
    customerId: string(),
    customerPo: string(),
    additionalCustomerPos: list(string()).optional(),
    possibleDuplicate: map({ orderId: string(), customerPo: string(), receivedAt: string(), suggestedActions: list(string()) }).optional(),
    mergedInto: string().optional(),
    mergedFrom: list(string()).optional(),
    intakeConflicts: any().optional(),
    /** SHA-256 of the channel, principal, Idempotency-Key and body that placed the order: a retry of that request finds it. */
    intakeRequest: string().optional(),
    // ConcludeApprovals asked these approvals again for this content hash (a merge changed the content).
    reapprovalHash: string().optional(),
    reapprovalReasons: list(string()).optional(),
    // Audit-trail contract: who made the last change of this item and why.
    changedBy: string().optional(),
    changeReason: string().optional(),
    requestedDeliveryDate: string().optional(),
    shipTo: address,
    lines: list(orderLine),
    currency: string().optional(),
    total: string().optional(),
    approvalReasons: list(string()).optional(),
    requiredApprovals: list(map({ reason: string(), role: string(), detail: string() })).optional(),
    credit: map({
      status: string().enum('OK', 'HOLD'),
      exposure: string(),
      creditLimit: string(),
      reason: string().optional(),
    }).optional(),
    invoiceNumber: string().optional(),
    archive: map({
      bucket: string(),
      key: string(),
      versionId: string(),
      sha256: string(),
      signatureKey: string(),
      signatureVersionId: string().optional(),
      retainUntil: string().optional(),
      // The PDF rendering of the same record, signed on its own.
      pdf: map({ key: string(), versionId: string(), sha256: string(), signatureKey: string(), signatureVersionId: string() }).optional(),
    }).optional(),
    executionArn: string().optional(),
    exposureCustomer: string().optional().transform(prefix('EXPOSURE')).savedAs('GSI1PK'),
    exposureSort: string().optional().savedAs('GSI1SK'),
    exposureAmount: string().optional(),
  }),
});

/** One event per stage an order passes: its timeline, and the trace of who did what when. */
export const OrderEventEntity = new Entity({
  name: 'OrderEvent',
  table,
  timestamps: false,
  schema: item({
    orderId: string().key().transform(prefix('ORDER')).savedAs('PK'),
    eventId: string().key().transform(prefix('EVENT')).savedAs('SK'),
    type: string(),
    at: string(),
    actor: string(),
    status: string().enum(...ORDER_STATUSES),
    detail: any().optional(),
    changedBy: string().optional(),
    changeReason: string().optional(),
  }),
});

/** Claims a customer's PO number for one order; the conditional put is the duplicate check. */
export const CustomerPoEntity = new Entity({
  name: 'CustomerPo',
  table,
  timestamps: false,
  schema: item({
    customerId: string().key(),
    customerPo: string().key(),
    orderId: string(),
    changedBy: string().optional(),
  }).and((previous) => ({
    poKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ customerId, customerPo }) => `CUSTOMERPO#${customerId}#${customerPo}`),
    recordType: string().key().const('CUSTOMERPO').savedAs('SK').hidden(),
  })),
});

/**
 * The first order of a customer for some goods to some place (the near-
 * duplicate fingerprint), claimed in the order's create transaction so two
 * near-identical orders arriving at once cannot both pass as the original.
 * Expires by TTL after the window; TTL deletion is late, so readers and the
 * claim condition compare `claimedAtEpoch` too.
 */
export const NearDuplicateClaimEntity = new Entity({
  name: 'NearDuplicateClaim',
  table,
  timestamps: false,
  schema: item({
    customerId: string().key(),
    fingerprint: string().key(),
    orderId: string(),
    customerPo: string(),
    claimedAt: string(),
    claimedAtEpoch: number(),
    expiresAtEpoch: number().savedAs('ttl'),
    changedBy: string(),
  }).and((previous) => ({
    claimKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ customerId, fingerprint }) => `NEARDUP#${customerId}#${fingerprint}`),
    recordType: string().key().const('NEARDUP').savedAs('SK').hidden(),
  })),
});

export const InvoiceEntity = new Entity({
  name: 'Invoice',
  table,
  schema: item({
    orderId: string().key().transform(prefix('ORDER')).savedAs('PK'),
    recordType: string().key().const('INVOICE').savedAs('SK').hidden(),
    invoiceNumber: string(),
    customerId: string(),
    issueDate: string(),
    dueDate: string(),
    currency: string(),
    total: string(),
    lines: list(map({ lineNo: number(), gtin: string(), quantity: number(), unitPrice: string(), amount: string() })),
    paymentStatus: string().enum(...PAYMENT_STATUSES),
    /** Sum of the payments applied; absent until the first one. */
    amountPaid: string().optional(),
    /** The open balance while anything is open: credit exposure reads it from the sparse GSI1 entry. */
    exposureCustomer: string().optional().transform(prefix('EXPOSURE')).savedAs('GSI1PK'),
    exposureSort: string().optional().savedAs('GSI1SK'),
    exposureAmount: string().optional(),
    /** Who wrote this and why, for the stream-derived audit trail (optional only because items written before it lack it; every writer sets it). */
    changedBy: string().optional(),
    changeReason: string().optional(),
  }),
});

/** One payment applied to an invoice, keyed by the bank's reference so that it is applied once. Never changed. */
export const PaymentEntity = new Entity({
  name: 'Payment',
  table,
  timestamps: false,
  schema: item({
    orderId: string().key().transform(prefix('ORDER')).savedAs('PK'),
    paymentReference: string().key().transform(prefix('PAYMENT')).savedAs('SK'),
    invoiceNumber: string(),
    amount: string(),
    currency: string(),
    receivedOn: string(),
    method: string().enum(...PAYMENT_METHODS),
    note: string().optional(),
    recordedBy: string(),
    recordedAt: string(),
    changedBy: string(),
    changeReason: string(),
  }),
});

/**
 * The server-side half of an email approval link: the opaque id in the link
 * maps to the Step Functions task token, which never leaves the table.
 * While PENDING it sits on the sparse GSI1 under its role, which is both the
 * approver's to-do list and how an escalation finds it again.
 */
export const ApprovalEntity = new Entity({
  name: 'Approval',
  table,
  schema: item({
    approvalId: string().key().transform(prefix('APPROVAL')).savedAs('PK'),
    recordType: string().key().const('APPROVAL').savedAs('SK').hidden(),
    orderId: string(),
    taskToken: string(),
    reason: string(),
    role: string(),
    level: number(),
    detail: string(),
    status: string().enum('PENDING', 'DECIDED', 'LOCKED', 'ESCALATED', 'SUPERSEDED', 'EXPIRED', 'WITHDRAWN'),
    /** Why an approval was withdrawn (its order was stopped, e.g. by a recall): the link then says it is no longer needed. */
    withdrawnReason: string().optional(),
    failedAttempts: number(),
    /** Signature attempts taken and not given back: failed ones plus those still being checked; never more than the limit. */
    signingAttempts: number().optional(),
    expiresAt: string(),
    decidedBy: string().optional(),
    decidedAt: string().optional(),
    meaning: string().optional(),
    pendingRole: string().optional().transform(prefix('APPROVALS#PENDING')).savedAs('GSI1PK'),
    pendingSort: string().optional().savedAs('GSI1SK'),
    expiresAtEpoch: number().savedAs('ttl'),
    changedBy: string().optional(),
    changeReason: string().optional(),
  }),
});

/** An electronic signature, written once and never changed (21 CFR 11.50, 11.70). */
export const SignatureEntity = new Entity({
  name: 'Signature',
  table,
  timestamps: false,
  schema: item({
    orderId: string().key().transform(prefix('ORDER')).savedAs('PK'),
    approvalId: string().key().transform(prefix('SIGNATURE')).savedAs('SK'),
    reason: string(),
    signerUsername: string(),
    signerName: string(),
    signedAt: string(),
    meaning: string(),
    meaningText: string(),
    comment: string().optional(),
    orderVersion: number(),
    orderContentHash: string(),
    changedBy: string().optional(),
  }),
});

/**
 * Which order a caller's request key wrote: `requestKey` is the SHA-256 of the channel, the principal and the
 * Idempotency-Key (never the key itself), so a caller finds only its own orders. Written in the order's create
 * transaction; a key sent again with another body names the later order.
 */
export const IntakeKeyEntity = new Entity({
  name: 'IntakeKey',
  table,
  timestamps: false,
  schema: item({
    requestKey: string().key().transform(prefix('INTAKEKEY')).savedAs('PK'),
    recordType: string().key().const('INTAKEKEY').savedAs('SK').hidden(),
    orderId: string(),
    changedBy: string(),
  }),
});
