import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import type { BusEvent, PutResult } from '../../../shared/platform/aws/events.js';
import {
  relayStreamRecords,
  replayKeptPublications,
  type KeptPublication,
  type KeptPublicationMessage,
  type RelayPorts,
} from '../../../shared/orders/services/relay-records.js';
import type { TableStreamRecord } from '../../../shared/orders/services/table-stream-record.js';

const settings = { busName: 'o2c-bus', stateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:order-fulfilment' };

const ackRecord = (sequence: string): TableStreamRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: marshall({
      _et: 'PoAcknowledgment',
      PK: `EDI855#00000000${sequence}`,
      SK: 'EDI855',
      orderId: `ORD-${sequence}`,
      customerId: 'CUST-ACME',
      customerPo: 'PO-9',
      partnerId: 'HOSPEDI01',
      status: 'ACCEPTED',
      ack: { type: 'AD' },
      x12: 'ISA*...',
      emittedAt: '2026-11-25T12:00:00.000Z',
    }),
  },
});
const ORDER_A = 'ORD-01JD000000000000000000000A';
const receivedOrder = (sequence: string, orderId: string): TableStreamRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: sequence, NewImage: marshall({ _et: 'Order', PK: `ORDER#${orderId}`, SK: 'ORDER', status: 'RECEIVED' }) },
});

/** A bus that fails while `down` is set, a workflow service that fails for the ids in `failing`, and an in-memory queue. */
function fakeRelay() {
  const state = { busDown: false, queueDown: false, failing: new Set<string>() };
  const put: BusEvent[] = [];
  const started: string[] = [];
  const queue = new Map<string, string>();
  let next = 0;
  const ports: RelayPorts & { receive: () => Promise<KeptPublicationMessage[]>; remove: (handle: string) => Promise<void> } = {
    putEvents: async (events) => {
      if (!state.busDown) put.push(...events);
      return events.map((_, index): PutResult => (state.busDown ? { errorCode: 'ServiceUnavailable' } : { eventId: `e-${put.length}-${index}` }));
    },
    startWorkflow: async (_arn, orderId) => {
      if (state.failing.has(orderId)) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      started.push(orderId);
    },
    keep: async (kept: KeptPublication) => {
      if (state.queueDown) throw new Error('SQS unavailable');
      next += 1;
      queue.set(`m-${next}`, JSON.stringify(kept));
    },
    receive: async () => [...queue].map(([id, body]) => ({ id, handle: id, body })),
    remove: async (handle) => void queue.delete(handle),
  };
  return { state, put, started, queue, ports };
}

describe('given a stream batch with two 855 acknowledgments and an order entering RECEIVED', () => {
  const records = [ackRecord('1'), receivedOrder('2', ORDER_A), ackRecord('3')];

  it('when the bus is down, then the two acknowledgment records are kept whole with the reason, and the stream retries nothing', async () => {
    const relay = fakeRelay();
    relay.state.busDown = true;

    const outcome = await relayStreamRecords(records, settings, relay.ports, new Date('2026-12-03T10:00:00Z'));

    expect(outcome).toEqual({ kept: 2, unkept: [] });
    const kept = [...relay.queue.values()].map((body) => JSON.parse(body) as KeptPublication);
    expect(kept.map((entry) => [entry.record, entry.reason, entry.keptAt])).toEqual([
      [records[0], 'its event could not be put on the bus', '2026-12-03T10:00:00.000Z'],
      [records[2], 'its event could not be put on the bus', '2026-12-03T10:00:00.000Z'],
    ]);
    expect(relay.started).toEqual([ORDER_A]);
  });

  it('when the bus is back, then the replay publishes both and empties the queue; a second replay finds nothing', async () => {
    const relay = fakeRelay();
    relay.state.busDown = true;
    await relayStreamRecords(records, settings, relay.ports);
    relay.state.busDown = false;

    expect(await replayKeptPublications(settings, relay.ports)).toEqual({ relayed: 2, failed: 0, discarded: 0 });
    expect(relay.put.map((event) => (event.detail as { orderId: string }).orderId)).toEqual(['ORD-1', 'ORD-3']);
    expect(relay.queue.size).toBe(0);
    expect(await replayKeptPublications(settings, relay.ports)).toEqual({ relayed: 0, failed: 0, discarded: 0 });
  });

  it('when a workflow cannot be started and the replay still cannot, then its record stays kept', async () => {
    const relay = fakeRelay();
    relay.state.failing.add(ORDER_A);
    expect(await relayStreamRecords(records, settings, relay.ports)).toEqual({ kept: 1, unkept: [] });

    expect(await replayKeptPublications(settings, relay.ports)).toEqual({ relayed: 0, failed: 1, discarded: 0 });
    expect(relay.queue.size).toBe(1);
    relay.state.failing.clear();
    expect(await replayKeptPublications(settings, relay.ports)).toEqual({ relayed: 1, failed: 0, discarded: 0 });
    expect(relay.started).toEqual([ORDER_A]);
  });

  it('when the queue cannot keep them either, then only those records go back to the stream', async () => {
    const relay = fakeRelay();
    relay.state.busDown = true;
    relay.state.queueDown = true;

    expect(await relayStreamRecords(records, settings, relay.ports)).toEqual({ kept: 0, unkept: ['1', '3'] });
  });

  it('when a kept message is not a stream record, then the replay removes it and counts it as discarded', async () => {
    const relay = fakeRelay();
    relay.queue.set('junk', '{"record": "not a record"}');
    expect(await replayKeptPublications(settings, relay.ports)).toEqual({ relayed: 0, failed: 0, discarded: 1 });
    expect(relay.queue.size).toBe(0);
  });
});
