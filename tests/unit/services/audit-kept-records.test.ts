import { describe, expect, it } from 'vitest';
import type { AuditEventContent, ChainedAuditEvent } from '../../../shared/compliance/domain/audit/chain.js';
import { recordChanges, replayKeptRecords, type KeptRecord } from '../../../shared/compliance/services/audit/record-changes.js';

/** The audit table as far as appending goes: one event per source id, whatever the retries; some chains refuse every append. */
function fakeAuditTable(poisonedChains: readonly string[] = []) {
  const chains = new Map<string, AuditEventContent[]>();
  const sources = new Set<string>();
  const poisoned = new Set(poisonedChains);
  return {
    chains,
    heal: () => poisoned.clear(),
    async append(chain: string, content: AuditEventContent) {
      if (poisoned.has(chain)) throw new Error(`cannot append to ${chain}`);
      if (sources.has(content.sourceId)) return { appended: false as const, duplicateOf: { chain, seq: 1 } };
      sources.add(content.sourceId);
      const events = [...(chains.get(chain) ?? []), content];
      chains.set(chain, events);
      return { appended: true as const, event: { ...content, chain, seq: events.length, prevHash: '', hash: '' } as unknown as ChainedAuditEvent };
    },
  };
}

/** The kept-records queue: messages with their whole body, received until deleted. */
function fakeKeptQueue() {
  const messages = new Map<string, KeptRecord>();
  let next = 0;
  return {
    messages,
    async keep(kept: KeptRecord) {
      next += 1;
      messages.set(`m-${next}`, JSON.parse(JSON.stringify(kept)) as KeptRecord);
    },
    async receive() {
      return [...messages].map(([handle, body]) => ({ id: handle, handle, body }));
    },
    async remove(handle: string) {
      messages.delete(handle);
    },
  };
}

const orderChange = (eventID: string, orderId: string, status: string) => ({
  eventID,
  eventName: 'MODIFY',
  dynamodb: {
    ApproximateCreationDateTime: 1_764_000_000,
    SequenceNumber: eventID,
    Keys: { PK: { S: `ORDER#${orderId}` }, SK: { S: 'ORDER' } },
    OldImage: { PK: { S: `ORDER#${orderId}` }, SK: { S: 'ORDER' }, status: { S: 'PRICED' }, version: { N: '1' } },
    NewImage: { PK: { S: `ORDER#${orderId}` }, SK: { S: 'ORDER' }, status: { S: status }, version: { N: '2' }, changedBy: { S: 'system:test' } },
  },
});

describe('given a stream batch with a record the audit trail cannot append', () => {
  it('when the batch is recorded, then the good records are appended and the failing record is kept whole (with why), so the batch does not fail', async () => {
    const table = fakeAuditTable(['ORDER#ORD-POISON']);
    const queue = fakeKeptQueue();
    const poisoned = orderChange('ev-2', 'ORD-POISON', 'VALIDATED');

    const recorded = await recordChanges([orderChange('ev-1', 'ORD-1', 'VALIDATED'), poisoned, orderChange('ev-3', 'ORD-1', 'PRICED')], {
      append: table.append,
      keep: queue.keep,
    });

    expect(recorded).toMatchObject({ appended: 2, kept: 1 });
    expect(table.chains.get('ORDER#ORD-1')?.map((event) => event.sourceId)).toEqual(['ev-1', 'ev-3']);
    const [kept] = [...queue.messages.values()];
    expect(kept).toMatchObject({ record: poisoned, reason: 'cannot append to ORDER#ORD-POISON' });
  });

  it('when a record is not a stream record at all, then it is kept as received and the others are appended', async () => {
    const table = fakeAuditTable();
    const queue = fakeKeptQueue();
    const recorded = await recordChanges([{ eventID: 'ev-x', eventName: 'MODIFY' }, orderChange('ev-1', 'ORD-1', 'VALIDATED')], {
      append: table.append,
      keep: queue.keep,
    });
    expect(recorded).toMatchObject({ appended: 1, kept: 1 });
    expect([...queue.messages.values()][0]!.record).toEqual({ eventID: 'ev-x', eventName: 'MODIFY' });
  });

  it('when keeping the record fails too, then the batch fails (the stream retries it; what was appended is recognized by its source id)', async () => {
    const table = fakeAuditTable(['ORDER#ORD-POISON']);
    const keep = async () => {
      throw new Error('queue unavailable');
    };
    await expect(recordChanges([orderChange('ev-2', 'ORD-POISON', 'VALIDATED')], { append: table.append, keep })).rejects.toThrow('queue unavailable');
  });
});

describe('given kept records', () => {
  it('when they are replayed after the cause is fixed, then each is appended through the same append and removed; a second replay writes nothing', async () => {
    const table = fakeAuditTable(['ORDER#ORD-POISON']);
    const queue = fakeKeptQueue();
    await recordChanges([orderChange('ev-2', 'ORD-POISON', 'VALIDATED')], { append: table.append, keep: queue.keep });
    table.heal();

    const replayed = await replayKeptRecords({ append: table.append, receive: queue.receive, remove: queue.remove });

    expect(replayed).toEqual({ replayed: 1, duplicates: 0, failed: 0, skipped: 0 });
    expect(table.chains.get('ORDER#ORD-POISON')?.map((event) => event.sourceId)).toEqual(['ev-2']);
    expect(queue.messages.size).toBe(0);
    await queue.keep({ record: orderChange('ev-2', 'ORD-POISON', 'VALIDATED'), reason: 'kept twice', keptAt: '2026-12-03T00:00:00.000Z' });
    expect(await replayKeptRecords({ append: table.append, receive: queue.receive, remove: queue.remove })).toMatchObject({ replayed: 0, duplicates: 1 });
    expect(table.chains.get('ORDER#ORD-POISON')).toHaveLength(1);
  });

  it('when a kept record still cannot be appended, then it stays kept and is counted as failed', async () => {
    const table = fakeAuditTable(['ORDER#ORD-POISON']);
    const queue = fakeKeptQueue();
    await recordChanges([orderChange('ev-2', 'ORD-POISON', 'VALIDATED')], { append: table.append, keep: queue.keep });
    expect(await replayKeptRecords({ append: table.append, receive: queue.receive, remove: queue.remove })).toMatchObject({ replayed: 0, failed: 1 });
    expect(queue.messages.size).toBe(1);
  });
});
