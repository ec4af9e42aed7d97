import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { ConditionCheck } from 'dynamodb-toolbox/entity/actions/transactCheck';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import { map, string } from 'dynamodb-toolbox/schema';
import { backoffDelay, CONTENTION_BACKOFF } from '../../../platform/domain/backoff.js';
import { chainEvent, type AuditEventContent, type ChainedAuditEvent, type ChainHead } from '../../domain/audit/chain.js';
import { AuditEvent } from '../../schemas/audit.js';
import { cancellationCodes, isConditionFailure } from '../../../platform/data/errors.js';
import { cancellationReasons, executeNamed } from '../../../platform/data/transaction.js';
import { byTime, dayKey, dayKeysOf, dayShardOf } from '../../domain/audit/day-shard.js';
import { liveExpiryOf } from '../../domain/audit/segment.js';
import { AuditEventEntity, AuditSegmentEntity, AuditSourceEntity, ChainCoverEntity, coverKey, positionKey } from './audit-entities.js';
import { auditLayout } from './audit-table.js';
import { firstSegmentKey, sealedHead } from './segment-repository.js';

type StoredEvent = FormattedItem<typeof AuditEventEntity>;
export type ChainCover = FormattedItem<typeof ChainCoverEntity>;

/** Access pattern A1/A2: the events of a chain in order, or its head (newest first, limit 1). */
const eventsOfChain = AuditEventEntity.build(AccessPattern)
  .schema(string())
  .pattern((chain) => ({ partition: `CHAIN#${chain}`, range: { beginsWith: 'SEQ#' } }))
  .meta({ title: 'Events of an audit chain', description: 'Audit access pattern A1' });

/** Access pattern A3: the latest checkpoint covering a chain. */
const coversOfChain = ChainCoverEntity.build(AccessPattern)
  .schema(string())
  .pattern((chain) => ({ partition: `CHAIN#${chain}`, range: { beginsWith: 'CHECKPOINT#' } }))
  .meta({ title: 'Checkpoints covering an audit chain', description: 'Audit access pattern A3' });

/** Audit access pattern A1 after sealing: the events of a chain after a position (the part not yet sealed). */
const eventsOfChainAfter = AuditEventEntity.build(AccessPattern)
  .schema(map({ chain: string(), after: string() }))
  .pattern(({ chain, after }) => ({ partition: `CHAIN#${chain}`, range: { between: [after, 'SEQ#~'] } }))
  .meta({ title: 'Events of an audit chain after a position', description: 'Audit access pattern A1' });

const AUDIT_INDEXES = ['ByDay', 'ByCustomer', 'ByProduct'] as const;
export type AuditIndex = (typeof AUDIT_INDEXES)[number];

/** Access patterns A4-A6: audit events by UTC day shard, customer or product, in a time window. */
const byIndex = AuditEventEntity.build(AccessPattern)
  .schema(map({ index: string().enum(...AUDIT_INDEXES), partition: string(), from: string(), to: string() }))
  .pattern(({ index, partition, from, to }) => ({ index, partition, range: { between: [from, `${to}~`] } }))
  .meta({ title: 'Audit events by day, customer or product', description: 'Audit access patterns A4-A6' });

/** Never cast what the table returns: a stored event is parsed like any other input. */
function toEvent(stored: StoredEvent): ChainedAuditEvent {
  const { position: _position, day: _day, timeKey: _timeKey, customerRef: _customerRef, productRef: _productRef, expiresAt: _expiresAt, ...event } = stored;
  return AuditEvent.parse(event);
}

/** The index attributes and TTL of an event: derived from what is hashed (and the deployment's layout). */
function indexAttributes(event: ChainedAuditEvent) {
  return {
    day: dayKey(event.at.slice(0, 10), dayShardOf(event.chain, auditLayout.dayShards)),
    expiresAt: liveExpiryOf(event.at, auditLayout.liveDays),
    timeKey: `${event.at}#${event.chain}#${String(event.seq).padStart(12, '0')}`,
    ...(event.refs.customerId ? { customerRef: event.refs.customerId } : {}),
    ...(event.refs.gtin ? { productRef: event.refs.gtin } : {}),
  };
}

/** The newest live event of a chain (none for a new chain, or one whose live events have all expired). */
export async function chainHead(chain: string): Promise<ChainHead | undefined> {
  const { Items = [] } = await eventsOfChain.query(chain).options({ reverse: true, limit: 1, consistent: true }).send();
  const last = Items[0];
  return last ? { seq: last.seq, hash: last.hash } : undefined;
}

/** The end of a chain's sealed archive, as the head the next event links to. */
async function sealedChainHead(chain: string): Promise<ChainHead | undefined> {
  const sealed = await sealedHead(chain);
  return sealed ? { seq: sealed.lastSeq, hash: sealed.lastHash } : undefined;
}

/** The live events of a chain after position `afterSeq` (all pages, consistent), oldest first. */
export async function chainEventsAfter(chain: string, afterSeq: number): Promise<ChainedAuditEvent[]> {
  const { Items = [] } = await eventsOfChainAfter
    .query({ chain, after: positionKey(afterSeq + 1) })
    .options({ consistent: true, maxPages: Infinity })
    .send();
  return Items.map(toEvent);
}

export async function lastEventOf(chain: string): Promise<ChainedAuditEvent | undefined> {
  const { Items = [] } = await eventsOfChain.query(chain).options({ reverse: true, limit: 1, consistent: true }).send();
  return Items[0] ? toEvent(Items[0]) : undefined;
}

export async function chainEvents(chain: string): Promise<ChainedAuditEvent[]> {
  const { Items = [] } = await eventsOfChain.query(chain).options({ consistent: true, maxPages: Infinity }).send();
  return Items.map(toEvent);
}

export type AppendResult = { appended: true; event: ChainedAuditEvent } | { appended: false; duplicateOf: { chain: string; seq: number } };
export type AppendAttempt = AppendResult | { appended: false; lostRace: true } | { appended: false; sealedChain: true };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One attempt to put an event at the position after `head`, together with the
 * claim of its source, both only if absent, in one transaction. Without a
 * head (a new chain) the same transaction checks that no segment of the chain
 * was ever sealed: a chain whose live events have all expired (TTL) must go
 * on from its sealed head, never start again at position 1.
 */
export async function appendAfter(chain: string, head: ChainHead | undefined, content: AuditEventContent): Promise<AppendAttempt> {
  const event = chainEvent(chain, head, content);
  const transaction = {
    sourceClaim: AuditSourceEntity.build(PutTransaction)
      .item({ sourceId: content.sourceId, chain, seq: event.seq })
      .options({ condition: { attr: 'sourceId', exists: false } }),
    position: AuditEventEntity.build(PutTransaction)
      .item({ ...event, position: positionKey(event.seq), ...indexAttributes(event) })
      .options({ condition: { attr: 'chain', exists: false } }),
    neverSealed: head ? undefined : AuditSegmentEntity.build(ConditionCheck).key(firstSegmentKey(chain)).condition({ attr: 'pk', exists: false }),
  };
  try {
    await executeNamed(transaction);
    return { appended: true, event };
  } catch (error) {
    const reasons = cancellationReasons(error, transaction);
    if (reasons?.sourceClaim === 'ConditionalCheckFailed') {
      const { Item } = await AuditSourceEntity.build(GetItemCommand).key({ sourceId: content.sourceId }).options({ consistent: true }).send();
      return { appended: false, duplicateOf: { chain: Item?.chain ?? chain, seq: Item?.seq ?? 0 } };
    }
    if (reasons?.neverSealed === 'ConditionalCheckFailed') return { appended: false, sealedChain: true };
    if (reasons?.position === 'ConditionalCheckFailed' || cancellationCodes(error)?.includes('TransactionConflict')) return { appended: false, lostRace: true };
    throw error;
  }
}

/**
 * The only way anything is written to the audit trail: the next position of
 * the chain and the claim of its source. A retried source appends nothing; a
 * writer that lost the race for a position re-reads the head and tries the next one.
 */
export async function appendToChain(chain: string, content: AuditEventContent, maxAttempts = 12): Promise<AppendResult> {
  // Only a chain found sealed (its live events expired) pays the read of its sealed head.
  let sealed = false;
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const head = (await chainHead(chain)) ?? (sealed ? await sealedChainHead(chain) : undefined);
    const outcome = await appendAfter(chain, head, content);
    if ('sealedChain' in outcome) {
      sealed = true;
      continue;
    }
    if (!('lostRace' in outcome)) return outcome;
    await sleep(backoffDelay(attempt, CONTENTION_BACKOFF, Math.random()));
  }
  throw new Error(`could not append to audit chain ${chain} after ${maxAttempts} attempts`);
}

/**
 * The newest event of a chain that matches, walking back from its head a page
 * at a time (at most `maxEvents`). Paged by hand on purpose: it stops at the
 * first match instead of reading the whole chain.
 */
export async function lastEventWhere(
  chain: string,
  matches: (event: ChainedAuditEvent) => boolean,
  maxEvents = 10_000,
): Promise<ChainedAuditEvent | undefined> {
  let exclusiveStartKey: Record<string, unknown> | undefined;
  let seen = 0;
  do {
    const page = await eventsOfChain.query(chain).options({ reverse: true, limit: 200, exclusiveStartKey }).send();
    for (const item of page.Items ?? []) {
      const event = toEvent(item);
      if (matches(event)) return event;
    }
    seen += page.Items?.length ?? 0;
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey && seen < maxEvents);
  return undefined;
}

export async function latestCover(chain: string): Promise<ChainCover | undefined> {
  const { Items = [] } = await coversOfChain.query(chain).options({ reverse: true, limit: 1, consistent: true }).send();
  return Items[0];
}

/** Records that a checkpoint signed a chain's head; put once per checkpoint and chain. */
export async function putCover(chain: string, checkpointSeq: number, checkpointKey: string, head: ChainHead): Promise<void> {
  try {
    await ChainCoverEntity.build(PutItemCommand)
      .item({ chain, coverKey: coverKey(checkpointSeq), checkpointSeq, checkpointKey, head })
      .options({ condition: { attr: 'chain', exists: false } })
      .send();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * The events of one UTC day between two instants: every shard of the day is
 * queried in parallel and the answers merged by time (as the index sorts).
 */
export async function eventsOfDay(day: string, from: string, to: string, limit: number): Promise<{ events: ChainedAuditEvent[]; more: boolean }> {
  const shards = await Promise.all(dayKeysOf(day, auditLayout.dayShards).map((partition) => eventsByIndex('ByDay', partition, from, to, limit)));
  const events = shards.flatMap((shard) => shard.events).sort(byTime);
  return { events: events.slice(0, limit), more: events.length > limit || shards.some((shard) => shard.more) };
}

/**
 * Events on one index partition between two instants (inclusive), oldest
 * first, up to `limit`. Paged by hand on purpose: it stops once it has one
 * event more than the limit (to say there are more), sizing each page to what
 * is still missing.
 */
export async function eventsByIndex(
  index: AuditIndex,
  partition: string,
  from: string,
  to: string,
  limit: number,
): Promise<{ events: ChainedAuditEvent[]; more: boolean }> {
  const events: ChainedAuditEvent[] = [];
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await byIndex
      .query({ index, partition, from, to })
      .options({ exclusiveStartKey, limit: Math.min(1000, limit - events.length + 1) })
      .send();
    events.push(...(page.Items ?? []).map(toEvent));
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey && events.length <= limit);
  return { events: events.slice(0, limit), more: events.length > limit || Boolean(exclusiveStartKey) };
}
