import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { eventBridgeClient } from '../../platform/aws/eventbridge.js';
import { domainEventOf, EVENT_SOURCE, type DomainEvent } from '../domain/domain-events.js';

const ENTRIES_PER_CALL = 10;

/**
 * Publishes the domain events among a batch of stream records and returns
 * the sequence numbers of the records whose event could not be put, so only
 * those are retried (partial batch response). Events carry their item key as
 * id; a retried record publishes the same id again, never a new one.
 */
export async function publishDomainEvents(records: readonly DynamoDBRecord[], busName: string): Promise<string[]> {
  const pending: { sequenceNumber: string; event: DomainEvent }[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) : undefined;
    const event = domainEventOf(record.eventName, image);
    if (event) pending.push({ sequenceNumber: record.dynamodb?.SequenceNumber ?? '', event });
  }
  const failed: string[] = [];
  for (let start = 0; start < pending.length; start += ENTRIES_PER_CALL) {
    const chunk = pending.slice(start, start + ENTRIES_PER_CALL);
    const { Entries = [] } = await eventBridgeClient.send(
      new PutEventsCommand({
        Entries: chunk.map(({ event }) => ({ EventBusName: busName, Source: EVENT_SOURCE, DetailType: event.detailType, Detail: JSON.stringify(event.detail), Resources: [] })),
      }),
    );
    chunk.forEach((entry, index) => {
      if (Entries[index]?.ErrorCode || !Entries[index]?.EventId) failed.push(entry.sequenceNumber);
    });
  }
  return failed;
}
