import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDocument, type DocumentEvidence } from '../../../shared/compliance/domain/document-verification.js';

const archiveKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const KEY_ID = 'arn:aws:kms:us-east-1:000000000000:key/archive';
const bytes = Buffer.from('{"order":"ORD-1"}');
const sha256 = createHash('sha256').update(bytes).digest('hex');
// What KMS returns for ECDSA_SHA_256: a DER signature over the SHA-256 of the message.
const signatureOver = (data: Uint8Array, key = archiveKey.privateKey) => sign('sha256', data, key).toString('base64');

const evidence = (overrides: Partial<DocumentEvidence> = {}): DocumentEvidence => ({
  bytes,
  versionId: 'v1',
  sha256Metadata: sha256,
  signature: {
    document: { key: 'orders/ORD-1/audit-record.json', versionId: 'v1', sha256 },
    keyId: KEY_ID,
    signature: signatureOver(bytes),
    signedAt: '2025-03-02T09:00:00.000Z',
  },
  signingKey: { keyId: KEY_ID, publicKey: archiveKey.publicKey },
  recorded: { versionId: 'v1', sha256 },
  ...overrides,
});

describe('given an archived document and what was written about it', () => {
  it('when everything agrees, then all three checks pass and the hash is reported', () => {
    const checks = checkDocument(evidence());
    expect(checks.sha256).toBe(sha256);
    expect([checks.signature.ok, checks.objectHash.ok, checks.orderRecord.ok]).toEqual([true, true, true]);
  });

  it('when one byte of the object changed, then the signature, the object hash and the order record all fail', () => {
    const tampered = Buffer.from('{"order":"ORD-2"}');
    const checks = checkDocument(evidence({ bytes: tampered }));
    expect([checks.signature.ok, checks.objectHash.ok, checks.orderRecord.ok]).toEqual([false, false, false]);
    expect(checks.signature.detail).toMatch(/does not verify/);
  });

  it('when the signature was made with another key but names the archive key, then it does not verify', () => {
    const forged = evidence();
    const checks = checkDocument({ ...forged, signature: { ...forged.signature!, signature: signatureOver(bytes, otherKey.privateKey) } });
    expect(checks.signature.ok).toBe(false);
    expect(checks.objectHash.ok).toBe(true);
  });

  it('when the signature names another key, then it is not the archive’s signature even if it verifies with that key', () => {
    const foreign = evidence();
    const checks = checkDocument({ ...foreign, signature: { ...foreign.signature!, keyId: 'arn:aws:kms:us-east-1:111111111111:key/other' } });
    expect(checks.signature).toEqual({ ok: false, detail: expect.stringMatching(/names another key/) });
  });

  it('when the signature covers another version of the key, then the object hash check fails for this version', () => {
    const checks = checkDocument(evidence({ versionId: 'v2' }));
    expect(checks.objectHash.ok).toBe(false);
    expect(checks.objectHash.detail).toMatch(/covers version v1/);
  });

  it('when the stored metadata digest differs, then the object hash check fails', () => {
    expect(checkDocument(evidence({ sha256Metadata: '0'.repeat(64) })).objectHash.ok).toBe(false);
  });

  it('when the object carries no metadata digest, then the signed digest alone decides', () => {
    expect(checkDocument(evidence({ sha256Metadata: undefined })).objectHash.ok).toBe(true);
  });

  it('when the order recorded another hash, then only the order-record check fails', () => {
    const checks = checkDocument(evidence({ recorded: { versionId: 'v1', sha256: 'f'.repeat(64) } }));
    expect([checks.signature.ok, checks.objectHash.ok, checks.orderRecord.ok]).toEqual([true, true, false]);
  });

  it('when no signature could be read, then signature and object hash fail and the order record is still compared', () => {
    const checks = checkDocument(evidence({ signature: undefined }));
    expect([checks.signature.ok, checks.objectHash.ok, checks.orderRecord.ok]).toEqual([false, false, true]);
  });

  it('when the signature is not valid base64 DER, then it fails instead of throwing', () => {
    const broken = evidence();
    expect(checkDocument({ ...broken, signature: { ...broken.signature!, signature: 'AAAA' } }).signature.ok).toBe(false);
  });
});
