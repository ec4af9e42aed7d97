import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventBridgeClient } from './eventbridge.js';

/** PutEvents takes at most this many entries a call. */
const ENTRIES_PER_CALL = 10;

export interface BusEvent {
  busName: string;
  source: string;
  detailType: string;
  detail: unknown;
}

/** What EventBridge answered for one entry: an event id when it was put, an error code when it was not. */
export interface PutResult {
  eventId?: string;
  errorCode?: string;
}

/**
 * Puts events on their buses, ten a call, and answers one result per event in
 * the order given. PutEvents fails entries one by one rather than throwing
 * (a throttled entry has an error code and no id), so a caller can retry
 * exactly those; an error of the call itself is thrown.
 */
export async function putEvents(events: readonly BusEvent[]): Promise<PutResult[]> {
  const results: PutResult[] = [];
  for (let start = 0; start < events.length; start += ENTRIES_PER_CALL) {
    const chunk = events.slice(start, start + ENTRIES_PER_CALL);
    const { Entries = [] } = await eventBridgeClient.send(
      new PutEventsCommand({
        Entries: chunk.map((event) => ({
          EventBusName: event.busName,
          Source: event.source,
          DetailType: event.detailType,
          Detail: JSON.stringify(event.detail),
          Resources: [],
        })),
      }),
    );
    chunk.forEach((_, index) => {
      const entry = Entries[index];
      results.push({ ...(entry?.EventId ? { eventId: entry.EventId } : {}), ...(entry?.ErrorCode ? { errorCode: entry.ErrorCode } : {}) });
    });
  }
  return results;
}
