import { beforeEach, describe, expect, it } from 'vitest';
import { chainEvent, type ChainedAuditEvent } from '../../../shared/compliance/domain/audit/chain.js';
import { segmentBody, segmentSha256 } from '../../../shared/compliance/domain/audit/segment.js';
import type { SegmentManifest } from '../../../shared/compliance/data/audit/segment-repository.js';
import { checkSegment, readSegment, type SegmentStoreDeps } from '../../../shared/compliance/services/audit/archive/segment-store.js';
import type { DetachedSignature } from '../../../shared/compliance/schemas/compliance.js';

const KEY_ARN = 'arn:aws:kms:eu-central-1:000000000000:key/archive';
const CHAIN = 'ORDER#ORD-1';
const signatureOf = (sha256: string) => Buffer.from(`signed:${sha256}`).toString('base64');

function chainOf(count: number): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  for (let index = 0; index < count; index += 1) {
    const head = events.at(-1);
    events.push(
      chainEvent(CHAIN, head && { seq: head.seq, hash: head.hash }, {
        eventId: `AE-${index}`,
        at: `2026-11-20T10:0${index}:00.000Z`,
        action: 'MODIFY',
        entityType: 'Order',
        entityKey: `${CHAIN}|ORDER`,
        actor: 'client:portal',
        after: { status: 'RECEIVED', version: index },
        refs: { orderId: 'ORD-1' },
        sourceId: `src-${index}`,
      }),
    );
  }
  return events;
}

/** A versioned bucket: every write to a key is a new version; reads name a version or take the latest. */
function fakeVersionedBucket() {
  const objects = new Map<string, { versionId: string; text: string }[]>();
  return {
    write(key: string, text: string): string {
      const versions = objects.get(key) ?? [];
      const versionId = `${key}@v${versions.length + 1}`;
      objects.set(key, [...versions, { versionId, text }]);
      return versionId;
    },
    async readObjectText(_bucket: string, key: string, versionId?: string): Promise<string> {
      const versions = objects.get(key) ?? [];
      const found = versionId ? versions.find((version) => version.versionId === versionId) : versions.at(-1);
      if (!found) throw new Error(`${key} does not exist`);
      return found.text;
    },
  };
}

describe('given a sealed segment of three audit events with its detached signature', () => {
  const events = chainOf(3);
  const sha256 = segmentSha256(events);
  let bucket: ReturnType<typeof fakeVersionedBucket>;
  let manifest: SegmentManifest;
  let kmsValid: boolean;
  let deps: SegmentStoreDeps;

  const signatureFor = (versionId: string, digest = sha256): DetachedSignature => ({
    document: { key: 'segments/ORD-1/1.ndjson', versionId, sha256: digest },
    keyId: KEY_ARN,
    signingAlgorithm: 'ECDSA_SHA_256',
    messageType: 'DIGEST',
    signature: signatureOf(digest),
    signedAt: '2026-11-21T01:00:00.000Z',
  });

  beforeEach(() => {
    bucket = fakeVersionedBucket();
    kmsValid = true;
    const versionId = bucket.write('segments/ORD-1/1.ndjson', segmentBody(events));
    const signatureVersionId = bucket.write('segments/ORD-1/1.ndjson.sig.json', JSON.stringify(signatureFor(versionId)));
    manifest = {
      chain: CHAIN,
      period: '2026-11-20',
      firstSeq: 1,
      lastSeq: 3,
      firstPrevHash: events[0]!.prevHash,
      lastHash: events[2]!.hash,
      firstAt: events[0]!.at,
      lastAt: events[2]!.at,
      eventCount: 3,
      key: 'segments/ORD-1/1.ndjson',
      versionId,
      sha256,
      signatureKey: 'segments/ORD-1/1.ndjson.sig.json',
      signatureVersionId,
      retainUntil: '2036-11-21',
      sealedAt: '2026-11-21T01:00:00.000Z',
      days: ['2026-11-20'],
      customers: [],
      products: [],
    } as SegmentManifest;
    deps = {
      readObjectText: bucket.readObjectText,
      verifyDigest: async (keyId, digest, signature) => kmsValid && keyId === KEY_ARN && signature === signatureOf(digest),
    };
  });

  it('when it is checked untouched, then it is valid and gives back its events', async () => {
    expect(await checkSegment('archive', manifest, deps)).toEqual({ valid: true, events });
  });

  it('when a later version was written over its key, then the check says so, even though the sealed version is still there', async () => {
    bucket.write('segments/ORD-1/1.ndjson', segmentBody(chainOf(2)));
    expect(await checkSegment('archive', manifest, deps)).toEqual({ valid: false, detail: expect.stringMatching(/no longer hashes to the sealed SHA-256/) });
    // Reading for a query takes the exact sealed version, so the answer is unaffected.
    expect(await readSegment('archive', manifest, deps)).toEqual(events);
  });

  it('when a later signature version names another document version, then it is refused', async () => {
    bucket.write('segments/ORD-1/1.ndjson.sig.json', JSON.stringify(signatureFor('segments/ORD-1/1.ndjson@v9')));
    expect(await checkSegment('archive', { ...manifest, signatureVersionId: 'segments/ORD-1/1.ndjson.sig.json@v2' }, deps)).toEqual({
      valid: false,
      detail: expect.stringMatching(/names another version or digest/),
    });
  });

  it('when KMS does not confirm the signature, then it is refused', async () => {
    kmsValid = false;
    expect(await checkSegment('archive', manifest, deps)).toEqual({ valid: false, detail: expect.stringMatching(/KMS signature does not verify/) });
  });

  it('when the manifest promises events the segment does not hold, then it is refused', async () => {
    expect(await checkSegment('archive', { ...manifest, eventCount: 4, lastSeq: 4 }, deps)).toEqual({
      valid: false,
      detail: expect.stringMatching(/events differ from what the manifest lists/),
    });
  });

  it('when the version a manifest names does not hash to its digest, then reading it fails rather than answer with other events', async () => {
    await expect(readSegment('archive', { ...manifest, sha256: '0'.repeat(64) }, deps)).rejects.toThrow(/does not match its manifest/);
  });
});
