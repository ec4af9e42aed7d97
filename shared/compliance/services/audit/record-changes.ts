import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { auditContentOf, chainOf, completedOrder, isAudited, type Image, type TableChange } from '../../domain/audit/subject.js';
import type { AuditEventContent, ChainHead } from '../../domain/audit/chain.js';
import { numberFromDynamo } from '../../domain/audit/diff.js';
import { minimisePersonalData, redactSecrets, redactText, secretsOf } from '../../domain/audit/redaction.js';
import type { AppendResult } from '../../data/audit/audit-repository.js';

const AttributeMap = z.record(
  z.string(),
  z.custom<AttributeValue>((value) => typeof value === 'object' && value !== null),
);

/** The part of a DynamoDB stream record the audit trail reads; parsed, not trusted. */
export const StreamRecord = z.object({
  eventID: z.string().min(1),
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  userIdentity: z.object({ type: z.string().optional(), principalId: z.string().optional() }).optional(),
  dynamodb: z.object({
    ApproximateCreationDateTime: z.number().optional(),
    SequenceNumber: z.string().optional(),
    Keys: AttributeMap,
    NewImage: AttributeMap.optional(),
    OldImage: AttributeMap.optional(),
  }),
});
export const StreamBatch = z.object({ Records: z.array(StreamRecord) });
export type StreamRecord = z.infer<typeof StreamRecord>;

const Keys = z.object({ PK: z.string(), SK: z.string() });
const imageOf = (map: Record<string, AttributeValue> | undefined): Image | undefined => (map ? unmarshall(map, { wrapNumbers: numberFromDynamo }) : undefined);

export function tableChangeOf(record: StreamRecord, receivedAt: Date): TableChange {
  const before = imageOf(record.dynamodb.OldImage);
  const after = imageOf(record.dynamodb.NewImage);
  // Credentials on items (task tokens, recall acknowledgement ids) never reach the trail, not even inside a key; only their fingerprint
  // does. Contact e-mail addresses are referenced by fingerprint too (minimisation of personal data kept for decades).
  const secrets = secretsOf(before, after);
  const { PK, SK } = Keys.parse(unmarshall(record.dynamodb.Keys));
  const seconds = record.dynamodb.ApproximateCreationDateTime;
  return {
    action: record.eventName,
    sourceId: record.eventID,
    // Epoch seconds by default, milliseconds when the stream is configured for them.
    at: (seconds ? new Date(seconds > 1e11 ? seconds : seconds * 1000) : receivedAt).toISOString(),
    keys: { PK: redactText(PK, secrets), SK: redactText(SK, secrets) },
    before: before && minimisePersonalData(redactSecrets(before, secrets)),
    after: after && minimisePersonalData(redactSecrets(after, secrets)),
    removedByService: record.userIdentity?.principalId === 'dynamodb.amazonaws.com',
  };
}

export interface RecordedBatch {
  appended: number;
  duplicates: number;
  skipped: number;
  /** Records that could not be appended and were kept whole, for a replay. */
  kept: number;
  /** Heads of the chains written by this batch. */
  heads: Map<string, ChainHead>;
  /** Orders that reached a final status in this batch. */
  completedOrders: string[];
}

/** A stream record the audit trail could not append, kept whole (as received) with why, until it is replayed. */
export interface KeptRecord {
  record: unknown;
  reason: string;
  keptAt: string;
}

type Append = (chain: string, content: AuditEventContent) => Promise<AppendResult>;

export interface RecordingPorts {
  /** The audit repository's appendToChain: idempotent on the content's source id. */
  append: Append;
  /** Keeps a record that could not be appended (the kept-records queue); throws if it cannot. */
  keep: (kept: KeptRecord) => Promise<void>;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Appends one audit event per audited record. Records of one chain are
 * appended one after another in stream order; chains run side by side. A
 * record that cannot be appended (the SDK has retried the calls), or is not a
 * stream record at all, is kept whole with the reason in the kept-records
 * queue, from which `replayKeptRecords` appends it later: the stream's own
 * failure destination holds only shard positions, which are useless once the
 * stream trims them (24 h). The batch fails only if a record can be neither
 * appended nor kept; the stream then retries it, and records already appended
 * are recognized by their source id.
 */
export async function recordChanges(records: readonly unknown[], ports: RecordingPorts, receivedAt = new Date()): Promise<RecordedBatch> {
  const byChain = new Map<string, { record: StreamRecord; change: TableChange }[]>();
  const completedOrders: string[] = [];
  const result: RecordedBatch = { appended: 0, duplicates: 0, skipped: 0, kept: 0, heads: new Map(), completedOrders };
  const keep = async (record: unknown, error: unknown) => {
    await ports.keep({ record, reason: reasonOf(error), keptAt: new Date().toISOString() });
    result.kept += 1;
  };
  for (const raw of records) {
    const parsed = StreamRecord.safeParse(raw);
    if (!parsed.success) {
      await keep(raw, `not a stream record: ${parsed.error.message}`);
      continue;
    }
    let change: TableChange;
    try {
      change = tableChangeOf(parsed.data, receivedAt);
    } catch (error) {
      await keep(raw, error);
      continue;
    }
    if (!isAudited(change.keys)) {
      result.skipped += 1;
      continue;
    }
    const chain = chainOf(change.keys);
    byChain.set(chain, [...(byChain.get(chain) ?? []), { record: parsed.data, change }]);
    const completed = completedOrder(change);
    if (completed) completedOrders.push(completed);
  }
  await Promise.all(
    [...byChain].map(async ([chain, changes]) => {
      for (const { record, change } of changes) {
        let outcome: AppendResult;
        try {
          outcome = await ports.append(chain, auditContentOf(change));
        } catch (error) {
          await keep(record, error);
          continue;
        }
        if (outcome.appended) {
          result.appended += 1;
          result.heads.set(chain, { seq: outcome.event.seq, hash: outcome.event.hash });
        } else {
          result.duplicates += 1;
        }
      }
    }),
  );
  return result;
}

/** A message of the kept-records queue. */
export interface KeptMessage {
  id: string;
  handle: string;
  body: KeptRecord;
}

export interface ReplayPorts {
  append: Append;
  /** The next kept records (a received message stays hidden for a while; an empty answer means none are left). */
  receive: () => Promise<KeptMessage[]>;
  /** Removes a kept record once it is in the trail. */
  remove: (handle: string) => Promise<void>;
}

export interface ReplayOutcome {
  replayed: number;
  duplicates: number;
  /** Still not appendable: left kept (the alarm stays on). */
  failed: number;
  /** Not audited (idempotency records and the like): removed. */
  skipped: number;
}

/**
 * Feeds kept records back through the same append the stream consumer uses,
 * in stream order (by sequence number) within what was received, and removes
 * each once it is in the trail. Appending is idempotent on the stream
 * record's id, so replaying a record twice, or one that did get appended
 * after all, writes nothing. A record that still fails stays kept.
 */
export async function replayKeptRecords(ports: ReplayPorts, receivedAt = new Date()): Promise<ReplayOutcome> {
  const outcome: ReplayOutcome = { replayed: 0, duplicates: 0, failed: 0, skipped: 0 };
  const seen = new Set<string>();
  for (;;) {
    const fresh = (await ports.receive()).filter((message) => !seen.has(message.id));
    if (fresh.length === 0) return outcome;
    for (const message of fresh) seen.add(message.id);
    const sequence = (message: KeptMessage) => StreamRecord.safeParse(message.body.record).data?.dynamodb.SequenceNumber ?? '';
    const ordered = [...fresh].sort((a, b) => sequence(a).length - sequence(b).length || sequence(a).localeCompare(sequence(b)));
    for (const message of ordered) {
      try {
        const change = tableChangeOf(StreamRecord.parse(message.body.record), receivedAt);
        if (!isAudited(change.keys)) {
          outcome.skipped += 1;
        } else if ((await ports.append(chainOf(change.keys), auditContentOf(change))).appended) {
          outcome.replayed += 1;
        } else {
          outcome.duplicates += 1;
        }
        await ports.remove(message.handle);
      } catch {
        outcome.failed += 1;
      }
    }
  }
}
