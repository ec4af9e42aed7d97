import { Entity } from 'dynamodb-toolbox/entity';
import { any, item, list, map, number, string } from 'dynamodb-toolbox/schema';
import { prefix } from 'dynamodb-toolbox/transformers/prefix';
import { auditTable } from './audit-table.js';
import { AUDIT_ACTIONS } from '../../schemas/audit.js';

/** Zero-padded so that positions sort as text in the order they were appended. */
export const positionKey = (seq: number) => `SEQ#${String(seq).padStart(12, '0')}`;
export const coverKey = (checkpointSeq: number) => `CHECKPOINT#${String(checkpointSeq).padStart(12, '0')}`;

/**
 * One audit event on its chain (`PK=CHAIN#{chain}`, `SK=SEQ#{seq}`). The
 * attributes after `hash` only place it on the query indexes; they are
 * derived from the hashed content, so the hash covers them too.
 */
export const AuditEventEntity = new Entity({
  name: 'AuditEvent',
  table: auditTable,
  timestamps: false,
  schema: item({
    chain: string().key().transform(prefix('CHAIN')).savedAs('PK'),
    position: string().key().savedAs('SK'),
    seq: number(),
    eventId: string(),
    at: string(),
    action: string().enum(...AUDIT_ACTIONS),
    entityType: string(),
    entityKey: string(),
    version: number().optional(),
    actor: string(),
    reason: string().optional(),
    before: any().optional(),
    after: any().optional(),
    changes: any().optional(),
    refs: any(),
    sourceId: string(),
    prevHash: string(),
    hash: string(),
    day: string(),
    timeKey: string(),
    customerRef: string().optional(),
    productRef: string().optional(),
    /** TTL (epoch seconds): the event's time plus the live window; by then it is long sealed in the archive. */
    expiresAt: number().optional(),
  }),
});

/** Claims a source (stream record, request) once: appended together with its event, so a retry appends nothing. */
export const AuditSourceEntity = new Entity({
  name: 'AuditSource',
  table: auditTable,
  timestamps: false,
  schema: item({
    sourceId: string().key().transform(prefix('SOURCE')).savedAs('PK'),
    recordType: string().key().const('SOURCE').savedAs('SK').hidden(),
    chain: string(),
    seq: number(),
  }),
});

/**
 * Which signed checkpoint covers a chain, and at which head: put under the
 * chain (`SK=CHECKPOINT#{n}`) so verify finds the latest one with one Query.
 */
export const ChainCoverEntity = new Entity({
  name: 'ChainCover',
  table: auditTable,
  timestamps: false,
  schema: item({
    chain: string().key().transform(prefix('CHAIN')).savedAs('PK'),
    coverKey: string().key().savedAs('SK'),
    checkpointSeq: number(),
    checkpointKey: string(),
    head: map({ seq: number(), hash: string() }),
  }),
});

/**
 * The manifest of one sealed segment of a chain (`PK=SEGMENTS#{chain}`,
 * `SK=SEG#{firstSeq}`), and the same record filed under a day, customer or
 * product (`PK=SEGREF#{DAY|CUSTOMER|PRODUCT}#{value}`, `SK={lastAt}#{chain}#{firstSeq}`)
 * so a query finds segments without listing the bucket.
 */
export const AuditSegmentEntity = new Entity({
  name: 'AuditSegment',
  table: auditTable,
  timestamps: false,
  schema: item({
    pk: string().key().savedAs('PK'),
    sk: string().key().savedAs('SK'),
    chain: string(),
    period: string(),
    firstSeq: number(),
    lastSeq: number(),
    firstPrevHash: string(),
    lastHash: string(),
    firstAt: string(),
    lastAt: string(),
    eventCount: number(),
    key: string(),
    versionId: string(),
    sha256: string(),
    signatureKey: string(),
    signatureVersionId: string(),
    retainUntil: string(),
    sealedAt: string(),
    days: list(string()),
    customers: list(string()),
    products: list(string()),
  }),
});

/** A UTC day every chain of which has been sealed (`PK=SEALED`, `SK=DAY#{day}`): where the next run starts. */
export const SealedDayEntity = new Entity({
  name: 'SealedDay',
  table: auditTable,
  timestamps: false,
  schema: item({
    marker: string().key().const('SEALED').savedAs('PK').hidden(),
    day: string().key().transform(prefix('DAY')).savedAs('SK'),
    chains: number(),
    segments: number(),
    events: number(),
    sealedAt: string(),
  }),
});
