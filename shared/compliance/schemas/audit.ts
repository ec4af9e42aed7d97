import { z } from 'zod';
import { Gtin14, UtcTimestamp } from '../../platform/schemas/common.js';
import { OrderId } from '../../orders/schemas/order.js';

/** What an audit event records: a change of a business item (from the table stream), a read, or a checkpoint. */
export const AUDIT_ACTIONS = ['INSERT', 'MODIFY', 'REMOVE', 'ACCESS', 'CHECKPOINT'] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/** Where a reported event was read. */
export const EVENT_SOURCES = ['live', 'archive'] as const;
export const EventSource = z.enum(EVENT_SOURCES);
export type EventSource = z.infer<typeof EventSource>;

const AttributeChange = z.object({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });

/** An audit event as stored and returned: what happened, to what, by whom, and its place on its hash chain. */
export const AuditEvent = z
  .object({
    chain: z.string().meta({ description: 'The chain: the business record partition (ORDER#…, LOT#…), ACCESS#{actor} or CHECKPOINTS' }),
    seq: z.number().int().positive(),
    eventId: z.string(),
    at: UtcTimestamp,
    action: AuditAction,
    entityType: z.string(),
    entityKey: z.string(),
    version: z.number().int().optional(),
    actor: z.string().meta({ description: 'user:{username}, client:{appClientId} or system:{component}' }),
    reason: z.string().optional(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    changes: z.array(AttributeChange).optional(),
    refs: z.record(z.string(), z.string()),
    sourceId: z.string(),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

/** An audit event in a compliance answer, with where it was read: the live audit table or a sealed archive segment. */
export const ReportedAuditEvent = AuditEvent.extend({
  source: EventSource.meta({
    description: 'live: the audit table; archive: a signed segment in the write-once bucket (the live copy has expired or was not needed)',
  }),
}).meta({ id: 'ReportedAuditEvent' });
export type ReportedAuditEvent = z.infer<typeof ReportedAuditEvent>;

export const ChainHead = z.object({ seq: z.number().int().positive(), hash: z.string() });

/** A signed checkpoint: the heads of the chains changed since the previous one, itself chained to it. */
export const CheckpointManifest = z
  .object({
    schema: z.literal('o2c.audit-checkpoint/1'),
    checkpointSeq: z.number().int().positive(),
    previousManifestSha256: z.string(),
    createdAt: UtcTimestamp,
    trigger: z.string(),
    heads: z.array(z.object({ chain: z.string(), seq: z.number().int().positive(), hash: z.string() })),
  })
  .meta({ id: 'AuditCheckpointManifest' });
export type CheckpointManifest = z.infer<typeof CheckpointManifest>;

export const SignedCheckpoint = z.object({
  manifest: CheckpointManifest,
  sha256: z.string(),
  keyId: z.string(),
  signingAlgorithm: z.string(),
  signature: z.string(),
});
export type SignedCheckpoint = z.infer<typeof SignedCheckpoint>;

export const VerifyChainRequest = z
  .object({
    chain: z
      .string()
      .min(3)
      .max(400)
      .optional()
      .meta({ description: 'A chain name, e.g. ORDER#ORD-…, LOT#{gtin}#{lot}, CUSTOMER#{id}, CHECKPOINTS, ACCESS#user:{name}' }),
    orderId: OrderId.optional().meta({ description: 'Shortcut for chain ORDER#{orderId}' }),
  })
  .refine((body) => Boolean(body.chain) !== Boolean(body.orderId), { message: 'give exactly one of chain or orderId' })
  .meta({ id: 'VerifyChainRequest' });

export const ChainVerification = z
  .object({
    chain: z.string(),
    intact: z.boolean(),
    checkedEvents: z.number().int(),
    head: ChainHead.optional(),
    firstBrokenEvent: z
      .object({
        problem: z.enum(['HASH_MISMATCH', 'LINK_MISMATCH', 'SEQUENCE_GAP', 'TRUNCATED', 'CHECKPOINT_MISMATCH', 'SEGMENT_INVALID', 'ARCHIVE_MISMATCH']),
        seq: z.number().int(),
        eventId: z.string().optional(),
        detail: z.string(),
      })
      .optional(),
    checkpoint: z
      .object({
        checkpointSeq: z.number().int(),
        key: z.string(),
        createdAt: UtcTimestamp,
        signatureValid: z.boolean(),
        head: ChainHead,
      })
      .optional()
      .meta({ description: 'The latest signed checkpoint covering the chain; absent when none has covered it yet' }),
    archive: z
      .object({
        segments: z.number().int(),
        validSegments: z.number().int(),
        sealedThroughSeq: z.number().int(),
        liveEvents: z.number().int(),
      })
      .optional()
      .meta({ description: 'The sealed segments of the chain in the archive (signature and bytes checked); absent when none is sealed yet' }),
  })
  .meta({ id: 'ChainVerification' });
export type ChainVerification = z.infer<typeof ChainVerification>;

const maxRangeDays = 31;

/** The filters of a compliance query: at least one subject or a time range; a time range alone spans at most 31 days. */
export const ComplianceQuery = z
  .object({
    orderId: OrderId.optional(),
    customerId: z.string().min(1).max(64).optional(),
    gtin: Gtin14.optional().meta({ description: 'The product; with lot or serial, that lot or unit' }),
    lot: z.string().min(1).max(20).optional(),
    serial: z.string().min(1).max(20).optional(),
    from: UtcTimestamp.optional(),
    to: UtcTimestamp.optional(),
    format: z.enum(['json', 'csv', 'pdf']).default('json'),
  })
  .superRefine((query, ctx) => {
    if ((query.lot || query.serial) && !query.gtin) ctx.addIssue({ code: 'custom', path: ['gtin'], message: 'lot and serial need the gtin of their product' });
    if (query.lot && query.serial) ctx.addIssue({ code: 'custom', path: ['serial'], message: 'give a lot or a serial, not both' });
    const subjects = [query.orderId, query.customerId, query.gtin].filter(Boolean).length;
    if (subjects > 1) ctx.addIssue({ code: 'custom', path: ['orderId'], message: 'give one subject: orderId, customerId or gtin (with lot or serial)' });
    if (subjects === 0 && !(query.from && query.to))
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'give a subject (orderId, customerId, gtin) or a time range (from and to)' });
    if (query.from && query.to) {
      const span = Date.parse(query.to) - Date.parse(query.from);
      if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
      if (subjects === 0 && span > maxRangeDays * 86_400_000)
        ctx.addIssue({ code: 'custom', path: ['to'], message: `a time range without a subject spans at most ${maxRangeDays} days` });
    }
  })
  .meta({ id: 'ComplianceQuery' });
export type ComplianceQuery = z.infer<typeof ComplianceQuery>;

const AnyRecord = z.record(z.string(), z.unknown());

export const ComplianceReport = z
  .object({
    query: z.record(z.string(), z.string()),
    generatedAt: UtcTimestamp,
    generatedBy: z.string(),
    orders: z.array(AnyRecord).meta({ description: 'Orders, from the live table or, once archived and gone from it, from the signed archive record' }),
    shipments: z.array(AnyRecord),
    approvals: z.array(AnyRecord),
    signatures: z.array(AnyRecord),
    auditEvents: z.array(ReportedAuditEvent),
    truncated: z.boolean().meta({
      description:
        'True when more audit events matched than one answer holds (5,000 events, or about 4.5 MB as JSON, under Lambda’s 6 MB response limit): repeat the query with from=continueFrom for the rest',
    }),
    continueFrom: UtcTimestamp.optional().meta({
      description:
        'With truncated: the time of the first audit event left out (or the last one given, when cut at 5,000); the same query with this as from continues the answer. from is inclusive: events at that instant may come twice',
    }),
  })
  .meta({ id: 'ComplianceReport' });
export type ComplianceReport = z.infer<typeof ComplianceReport>;
