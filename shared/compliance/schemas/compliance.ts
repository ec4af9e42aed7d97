import { z } from 'zod';
import { CalendarDateString, UtcTimestamp } from '../../platform/schemas/common.js';

/** An S3 Object Lock legal hold, and the retention modes of a locked version. */
export const LEGAL_HOLD_STATUSES = ['ON', 'OFF'] as const;
export const LegalHoldStatus = z.enum(LEGAL_HOLD_STATUSES);
export type LegalHoldStatus = z.infer<typeof LegalHoldStatus>;
export const RetentionMode = z.enum(['COMPLIANCE', 'GOVERNANCE']);

/** The outcome of re-checking an order's audit chain while verifying an archived document. */
export const ChainCheckStatus = z.enum(['intact', 'broken', 'not-checked']);
export type ChainCheckStatus = z.infer<typeof ChainCheckStatus>;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lower-case hex digits');

/** The detached signature object stored next to every archived document. */
export const DetachedSignature = z
  .object({
    document: z.object({ key: z.string().min(1), versionId: z.string().min(1), sha256: Sha256Hex }),
    keyId: z.string().min(1),
    signingAlgorithm: z.literal('ECDSA_SHA_256'),
    messageType: z.literal('DIGEST'),
    signature: z.base64(),
    signedAt: UtcTimestamp,
  })
  .meta({ id: 'DetachedSignature', description: 'KMS ECDSA P-256 signature over the SHA-256 digest of one exact object version' });
export type DetachedSignature = z.infer<typeof DetachedSignature>;

export const DocumentKind = z.enum(['json', 'pdf']).meta({ description: 'The canonical JSON record (the record of truth) or its PDF rendering' });
export type DocumentKind = z.infer<typeof DocumentKind>;

export const OrderIdParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an order id: letters, digits, "-" and "_" only')
  .meta({ description: 'Order id' });

const Reason = z.string().trim().min(5, 'say why, in at least 5 characters (e.g. the investigation or recall number)').max(500);

export const LegalHoldRequest = z
  .object({ reason: Reason.meta({ description: 'Why the hold is placed or lifted; recorded in the audit trail' }) })
  .strict()
  .meta({ id: 'LegalHoldRequest' });
export type LegalHoldRequest = z.infer<typeof LegalHoldRequest>;

export const LegalHoldView = z
  .object({
    orderId: z.string(),
    status: LegalHoldStatus,
    reason: z.string(),
    changedBy: z.string(),
    changedAt: UtcTimestamp,
    objectVersions: z.number().int().meta({ description: 'How many archived object versions the hold was applied to' }),
  })
  .meta({ id: 'LegalHold' });
export type LegalHoldView = z.infer<typeof LegalHoldView>;

export const ArchivedObjectVersion = z
  .object({
    key: z.string(),
    versionId: z.string(),
    isLatest: z.boolean(),
    archivedRecord: z
      .boolean()
      .meta({ description: 'This is the version the order record names (a later version of the same key is not the archived record)' }),
    size: z.number().int(),
    lastModified: UtcTimestamp,
    sha256: Sha256Hex.optional().meta({ description: 'SHA-256 the writer stored with the object' }),
    retainUntil: UtcTimestamp.optional(),
    retentionMode: RetentionMode.optional(),
    legalHold: LegalHoldStatus,
  })
  .meta({ id: 'ArchivedObjectVersion' });
export type ArchivedObjectVersion = z.infer<typeof ArchivedObjectVersion>;

export const ArchivedDocument = z
  .object({
    kind: DocumentKind,
    key: z.string(),
    versionId: z.string(),
    sha256: Sha256Hex,
    signatureKey: z.string(),
    signatureVersionId: z.string().optional(),
  })
  .meta({ id: 'ArchivedDocument', description: 'A signed document as the order record names it' });
export type ArchivedDocument = z.infer<typeof ArchivedDocument>;

export const ComplianceDocuments = z
  .object({
    orderId: z.string(),
    bucket: z.string(),
    retainUntil: CalendarDateString.optional(),
    documents: z.array(ArchivedDocument).meta({ description: 'The signed documents the order record names' }),
    objects: z.array(ArchivedObjectVersion).meta({ description: 'Every object version stored under the order, with its lock state' }),
    legalHold: LegalHoldView.optional(),
  })
  .meta({ id: 'ComplianceDocuments' });
export type ComplianceDocuments = z.infer<typeof ComplianceDocuments>;

export const VerifyRequest = z
  .object({
    orderId: OrderIdParam,
    document: DocumentKind.default('json'),
    versionId: z.string().min(1).max(1024).optional().meta({ description: 'Check this object version instead of the one the order record names' }),
  })
  .strict()
  .meta({ id: 'VerifyRequest' });
export type VerifyRequest = z.infer<typeof VerifyRequest>;

const CheckOutcome = z.object({ ok: z.boolean(), detail: z.string() });

export const VerifyResult = z
  .object({
    orderId: z.string(),
    document: DocumentKind,
    key: z.string(),
    versionId: z.string(),
    sha256: Sha256Hex,
    valid: z.boolean().meta({ description: 'true when every check that ran passed' }),
    checks: z.object({
      signature: CheckOutcome.meta({ description: 'The detached signature verifies with the KMS public key over this object’s bytes' }),
      objectHash: CheckOutcome.meta({ description: 'The object’s bytes hash to the digest its signature and its metadata name' }),
      orderRecord: CheckOutcome.meta({ description: 'The hash equals the one recorded on the order when it was archived' }),
      chain: z
        .object({ status: ChainCheckStatus, detail: z.string() })
        .meta({ description: 'The order’s hash-chained audit trail; not-checked until the audit-trail verifier is wired in' }),
    }),
  })
  .meta({ id: 'VerifyResult' });
export type VerifyResult = z.infer<typeof VerifyResult>;
