import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { auditContentOf, chainOf, completedOrder, isAudited, type Image, type TableChange } from '../../domain/audit/subject.js';
import type { ChainHead } from '../../domain/audit/chain.js';
import { numberFromDynamo } from '../../domain/audit/diff.js';
import { redactSecrets, redactText, secretsOf } from '../../domain/audit/redaction.js';
import { appendToChain } from '../../data/audit/audit-repository.js';

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
  // Credentials on items (task tokens, recall acknowledgement ids) never reach the trail, not even inside a key; only their fingerprint does.
  const secrets = secretsOf(before, after);
  const { PK, SK } = Keys.parse(unmarshall(record.dynamodb.Keys));
  const seconds = record.dynamodb.ApproximateCreationDateTime;
  return {
    action: record.eventName,
    sourceId: record.eventID,
    // Epoch seconds by default, milliseconds when the stream is configured for them.
    at: (seconds ? new Date(seconds > 1e11 ? seconds : seconds * 1000) : receivedAt).toISOString(),
    keys: { PK: redactText(PK, secrets), SK: redactText(SK, secrets) },
    before: before && redactSecrets(before, secrets),
    after: after && redactSecrets(after, secrets),
    removedByService: record.userIdentity?.principalId === 'dynamodb.amazonaws.com',
  };
}

export interface RecordedBatch {
  appended: number;
  duplicates: number;
  skipped: number;
  /** Heads of the chains written by this batch. */
  heads: Map<string, ChainHead>;
  /** Orders that reached a final status in this batch. */
  completedOrders: string[];
}

/**
 * Appends one audit event per audited record. Records of one chain are
 * appended one after another in stream order; chains run side by side. A
 * failure throws, the batch is retried (and bisected) by the event source
 * mapping, and the records already appended are recognized by their source id.
 */
export async function recordChanges(records: readonly StreamRecord[], receivedAt = new Date()): Promise<RecordedBatch> {
  const byChain = new Map<string, TableChange[]>();
  let skipped = 0;
  const completedOrders: string[] = [];
  for (const record of records) {
    const change = tableChangeOf(record, receivedAt);
    if (!isAudited(change.keys)) {
      skipped += 1;
      continue;
    }
    const chain = chainOf(change.keys);
    byChain.set(chain, [...(byChain.get(chain) ?? []), change]);
    const completed = completedOrder(change);
    if (completed) completedOrders.push(completed);
  }
  const result: RecordedBatch = { appended: 0, duplicates: 0, skipped, heads: new Map(), completedOrders };
  await Promise.all(
    [...byChain].map(async ([chain, changes]) => {
      for (const change of changes) {
        const outcome = await appendToChain(chain, auditContentOf(change));
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
