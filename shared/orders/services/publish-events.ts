import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { putEvents } from '../../platform/aws/events.js';
import { domainEventOf, EVENT_SOURCE, type DomainEvent } from '../domain/domain-events.js';
import type { TableStreamRecord } from './table-stream-record.js';

/**
 * Publishes the domain events among a batch of stream records and returns
 * the sequence numbers of the records whose event could not be put, so only
 * those are retried (partial batch response). Events carry their item key as
 * id; a retried record publishes the same id again, never a new one.
 */
export async function publishDomainEvents(
  records: readonly TableStreamRecord[],
  busName: string,
  deps: { putEvents: typeof putEvents } = { putEvents },
): Promise<string[]> {
  const pending: { sequenceNumber: string; event: DomainEvent }[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) : undefined;
    const old = record.dynamodb?.OldImage ? unmarshall(record.dynamodb.OldImage as Record<string, AttributeValue>) : undefined;
    const event = domainEventOf(record.eventName, image, old);
    if (event) pending.push({ sequenceNumber: record.dynamodb?.SequenceNumber ?? '', event });
  }
  const results = await deps.putEvents(pending.map(({ event }) => ({ busName, source: EVENT_SOURCE, detailType: event.detailType, detail: event.detail })));
  return pending.filter((_, index) => results[index]?.errorCode || !results[index]?.eventId).map(({ sequenceNumber }) => sequenceNumber);
}
