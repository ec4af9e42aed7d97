import { Entity } from 'dynamodb-toolbox/entity';
import { any, item, map, number, string } from 'dynamodb-toolbox/schema';
import { prefix } from 'dynamodb-toolbox/transformers/prefix';
import { auditTable } from './audit-table.js';

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
    action: string().enum('INSERT', 'MODIFY', 'REMOVE', 'ACCESS', 'CHECKPOINT'),
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
