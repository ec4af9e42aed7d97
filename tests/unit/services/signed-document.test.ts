import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { SIGNATURE_SUFFIX, writeSignedDocument, type ArchiveDeps } from '../../../shared/compliance/services/archive/signed-document.js';
import { DetachedSignature } from '../../../shared/compliance/schemas/compliance.js';
import { fakeLockedBucket, fakeSigner } from '../../support/fake-ports.js';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const KEY_ARN = 'arn:aws:kms:eu-central-1:000000000000:key/archive';
const target = { bucket: 'archive-bucket', signingKeyId: 'alias/archive-signing' };
const body = JSON.stringify({ orderId: 'ORD-1', status: 'ARCHIVED', total: '700.00' });
const sha256 = createHash('sha256').update(body).digest('hex');

describe('given an order record to archive until 2036-11-25', () => {
  let signer: ReturnType<typeof fakeSigner>;
  let bucket: ReturnType<typeof fakeLockedBucket>;
  let deps: ArchiveDeps;

  beforeEach(() => {
    signer = fakeSigner(KEY_ARN);
    bucket = fakeLockedBucket();
    deps = { signDigest: signer.signDigest, putLockedObject: bucket.putLockedObject };
  });

  const archive = () => writeSignedDocument(target, { key: 'orders/ORD-1/audit-record.json', body, contentType: 'application/json' }, '2036-11-25', NOW, deps);

  it('when it is written, then KMS signs the SHA-256 of exactly its bytes with the archive key, and nothing else', async () => {
    await archive();
    expect(signer.signed).toEqual([{ keyId: 'alias/archive-signing', sha256Hex: sha256 }]);
  });

  it('when it is written, then the document and its detached signature are both locked until the retention date, the document carrying its digest', async () => {
    await archive();

    const retainUntil = new Date('2036-11-25T00:00:00.000Z');
    expect(bucket.versions).toEqual([
      {
        bucket: 'archive-bucket',
        key: 'orders/ORD-1/audit-record.json',
        body,
        contentType: 'application/json',
        metadata: { sha256 },
        retainUntil,
        versionId: 'v1',
      },
      expect.objectContaining({
        bucket: 'archive-bucket',
        key: `orders/ORD-1/audit-record.json${SIGNATURE_SUFFIX}`,
        contentType: 'application/json',
        retainUntil,
        versionId: 'v2',
      }),
    ]);
  });

  it('when it is written, then the detached signature names the exact version and digest it signs, the key KMS signed with, and the signature', async () => {
    await archive();

    const signature = DetachedSignature.parse(JSON.parse(String(bucket.versions[1]!.body)));
    expect(signature).toEqual({
      document: { key: 'orders/ORD-1/audit-record.json', versionId: 'v1', sha256 },
      keyId: KEY_ARN,
      signingAlgorithm: 'ECDSA_SHA_256',
      messageType: 'DIGEST',
      signature: signer.signatureOf(sha256),
      signedAt: NOW.toISOString(),
    });
  });

  it('when it is written, then the reference names both versions, the digest and the retention date', async () => {
    expect(await archive()).toEqual({
      key: 'orders/ORD-1/audit-record.json',
      versionId: 'v1',
      sha256,
      contentType: 'application/json',
      signatureKey: 'orders/ORD-1/audit-record.json.sig.json',
      signatureVersionId: 'v2',
      retainUntil: '2036-11-25',
    });
  });

  it('when KMS cannot sign, then nothing is written: no unsigned document is left behind', async () => {
    signer.failWith(Object.assign(new Error('key is disabled'), { name: 'DisabledException' }));

    await expect(archive()).rejects.toThrow('key is disabled');
    expect(bucket.versions).toEqual([]);
  });
});
