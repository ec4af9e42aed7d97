import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { uniqueId } from '../support/fixtures.js';
import { useAuditTable } from '../support/audit.js';

const outputs = deployedStack();
useAuditTable(outputs);
const settings = { bucket: outputs.AuditBucketName, signingKeyId: outputs.SigningKeyArn, retentionYears: 1 };
const s3 = new S3Client({ forcePathStyle: true });
const dynamo = new DynamoDBClient({});

let audit: typeof import('../../shared/compliance/data/audit/audit-repository.js');
let segments: typeof import('../../shared/compliance/data/audit/segment-repository.js');
let seal: typeof import('../../shared/compliance/services/audit/archive/seal.js');
let verify: typeof import('../../shared/compliance/services/audit/verify-chain.js');

beforeAll(async () => {
  audit = await import('../../shared/compliance/data/audit/audit-repository.js');
  segments = await import('../../shared/compliance/data/audit/segment-repository.js');
  seal = await import('../../shared/compliance/services/audit/archive/seal.js');
  verify = await import('../../shared/compliance/services/audit/verify-chain.js');
});

async function chainWith(length: number, prefix = 'TEST#archive', customerId = uniqueId('CUST')) {
  const chain = uniqueId(prefix);
  for (let n = 1; n <= length; n += 1) {
    await audit.appendToChain(chain, {
      eventId: `AE-${n}`,
      at: new Date().toISOString(),
      action: 'INSERT',
      entityType: 'Test',
      entityKey: `k${n}`,
      actor: 'user:t',
      after: { n },
      refs: { customerId },
      sourceId: uniqueId('src'),
    });
  }
  return chain;
}

const closeNow = () => new Date(Date.now() + 1000).toISOString();
const deleteLive = (chain: string, seq: number) =>
  dynamo.send(
    new DeleteItemCommand({ TableName: outputs.AuditTableName, Key: { PK: { S: `CHAIN#${chain}` }, SK: { S: `SEQ#${String(seq).padStart(12, '0')}` } } }),
  );

describe('given audit events of a chain sealed into the archive', () => {
  it('when the period is sealed, then one signed segment and its manifest cover the events, and verify checks the segment (KMS) and finds the chain intact', async () => {
    const chain = await chainWith(5);
    const sealed = await seal.sealChain(chain, closeNow(), 'test', settings);
    expect(sealed.kind).toBe('sealed');
    if (sealed.kind !== 'sealed') return;
    expect(sealed.manifest).toMatchObject({ chain, firstSeq: 1, lastSeq: 5, eventCount: 5, period: 'test', key: expect.stringMatching(/^audit-segments\//) });
    expect(await segments.segmentsOf(chain)).toEqual([sealed.manifest]);
    const result = await verify.verifyChain(chain, settings.bucket);
    expect(result).toMatchObject({ chain, intact: true, checkedEvents: 5, archive: { segments: 1, validSegments: 1, sealedThroughSeq: 5, liveEvents: 5 } });
  });

  it('when sealing is run again for the same period, then nothing more is written: no second manifest and no second object version', async () => {
    const chain = await chainWith(3);
    const close = closeNow();
    const first = await seal.sealChain(chain, close, 'rerun', settings);
    const again = await seal.sealChain(chain, close, 'rerun', settings);
    expect(first.kind).toBe('sealed');
    expect(again).toEqual({ kind: 'nothing-to-seal' });
    expect(await segments.segmentsOf(chain)).toHaveLength(1);
    const key = first.kind === 'sealed' ? first.manifest.key : '';
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: settings.bucket, Prefix: key }));
    expect((versions.Versions ?? []).filter((version) => version.Key === key)).toHaveLength(1);
  });

  it('when more events follow and are sealed, then the next segment starts after the last and links to its hash', async () => {
    const chain = await chainWith(2);
    await seal.sealChain(chain, closeNow(), 'p1', settings);
    await audit.appendToChain(chain, {
      eventId: 'AE-3',
      at: new Date().toISOString(),
      action: 'INSERT',
      entityType: 'Test',
      entityKey: 'k3',
      actor: 'user:t',
      refs: {},
      sourceId: uniqueId('src'),
    });
    const next = await seal.sealChain(chain, closeNow(), 'p2', settings);
    const [one, two] = await segments.segmentsOf(chain);
    expect(next.kind === 'sealed' && next.manifest).toMatchObject({ firstSeq: 3, lastSeq: 3, firstPrevHash: one!.lastHash });
    expect(two?.firstSeq).toBe(3);
    expect(await verify.verifyChain(chain, settings.bucket)).toMatchObject({ intact: true, archive: { segments: 2, validSegments: 2 } });
  });

  it('when a new version of a sealed segment object is written directly into the bucket, then verify reports the segment invalid', async () => {
    const chain = await chainWith(3);
    const sealed = await seal.sealChain(chain, closeNow(), 'tamper', settings);
    if (sealed.kind !== 'sealed') throw new Error('not sealed');
    const forged = `${sealed.manifest.key}`;
    await s3.send(new PutObjectCommand({ Bucket: settings.bucket, Key: forged, Body: '{"forged":true}\n', ContentType: 'application/x-ndjson' }));
    const result = await verify.verifyChain(chain, settings.bucket);
    expect(result).toMatchObject({ intact: false, firstBrokenEvent: { problem: 'SEGMENT_INVALID', seq: 1 }, archive: { validSegments: 0 } });
    expect(result.firstBrokenEvent?.detail).toContain('no longer hashes');
  });

  it('when sealed events expire from the audit table, then verify still finds the chain intact from the archive, and a new event continues the chain after the sealed head', async () => {
    const chain = await chainWith(3);
    await seal.sealChain(chain, closeNow(), 'expiry', settings);
    for (const seq of [1, 2, 3]) await deleteLive(chain, seq);
    expect(await audit.chainEvents(chain)).toEqual([]);
    expect(await verify.verifyChain(chain, settings.bucket)).toMatchObject({ intact: true, checkedEvents: 3, archive: { liveEvents: 0 } });

    const appended = await audit.appendToChain(chain, {
      eventId: 'AE-4',
      at: new Date().toISOString(),
      action: 'INSERT',
      entityType: 'Test',
      entityKey: 'k4',
      actor: 'user:t',
      refs: {},
      sourceId: uniqueId('src'),
    });
    expect(appended.appended && appended.event.seq).toBe(4);
    expect(await verify.verifyChain(chain, settings.bucket)).toMatchObject({ intact: true, checkedEvents: 4 });
  });

  it('when a sealed event is still live but was rewritten with a recomputed hash, then verify reports the live copy differs from the archive', async () => {
    const chain = await chainWith(2);
    await seal.sealChain(chain, closeNow(), 'rewrite', settings);
    const [original] = await audit.chainEvents(chain);
    await deleteLive(chain, 1);
    await deleteLive(chain, 2);
    // Rebuild a consistent but different chain in the live table: only the archive can expose it.
    const { hash: _hash, seq: _seq, prevHash: _prevHash, chain: _chain, ...content } = original!;
    // The app refuses to restart a sealed chain at position 1, so the forger writes straight into the table.
    expect(await audit.appendAfter(chain, undefined, { ...content, actor: 'user:mallory', sourceId: uniqueId('forged') })).toEqual({
      appended: false,
      sealedChain: true,
    });
    const { chainEvent } = await import('../../shared/compliance/domain/audit/chain.js');
    const { marshall } = await import('@aws-sdk/util-dynamodb');
    const forged = chainEvent(chain, undefined, { ...content, actor: 'user:mallory' });
    await dynamo.send(
      new PutItemCommand({
        TableName: outputs.AuditTableName,
        Item: marshall(
          { ...forged, PK: `CHAIN#${chain}`, SK: 'SEQ#000000000001', _et: 'AuditEvent', day: 'forged', timeKey: forged.at },
          { removeUndefinedValues: true },
        ),
      }),
    );
    const result = await verify.verifyChain(chain, settings.bucket);
    expect(result).toMatchObject({ intact: false, firstBrokenEvent: { problem: 'ARCHIVE_MISMATCH', seq: 1 } });
  });
});

describe('given the by-day index split into shards', () => {
  it('when chains on different shards write on one day, then a day query fans out over the shards and merges them in time order', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const chains = await Promise.all(Array.from({ length: 12 }, () => chainWith(1, 'TEST#shard')));
    const to = new Date(Date.now() + 1000).toISOString();
    const { dayShardOf } = await import('../../shared/compliance/domain/audit/day-shard.js');
    expect(new Set(chains.map((chain) => dayShardOf(chain, Number(outputs.AuditDayShards)))).size).toBeGreaterThan(1);
    const { events } = await audit.eventsOfDay(from.slice(0, 10), from, to, 5000);
    const found = events.filter((event) => chains.includes(event.chain));
    expect(new Set(found.map((event) => event.chain))).toEqual(new Set(chains));
    const keys = events.map((event) => `${event.at}#${event.chain}`);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('given many chains to seal', () => {
  it('when they are sealed eight at a time, then the throughput and the requests per 1,000 events are printed', async () => {
    const chains = await Promise.all(Array.from({ length: 20 }, () => chainWith(15, 'TEST#bench')));
    const events = chains.length * 15;
    const started = Date.now();
    const queue = [...chains];
    let sealedSegments = 0;
    let refs = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let chain = queue.shift(); chain; chain = queue.shift()) {
          const outcome = await seal.sealChain(chain, closeNow(), 'bench', settings);
          if (outcome.kind === 'sealed') {
            sealedSegments += 1;
            refs += outcome.manifest.days.length + outcome.manifest.customers.length + outcome.manifest.products.length;
          }
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const per1000 = 1000 / events;
    console.log(
      `audit archive sealing on the emulator: ${events} events in ${sealedSegments} segments (${events / sealedSegments} events each) in ${seconds.toFixed(1)} s = ${Math.round(events / seconds)} events/s; ` +
        `per 1,000 events: ${Math.round(2 * sealedSegments * per1000)} S3 PUTs, ${Math.round(sealedSegments * per1000)} KMS Sign, ${Math.round((sealedSegments + refs) * per1000)} manifest/ref puts`,
    );
    expect(sealedSegments).toBe(chains.length);
  });
});
