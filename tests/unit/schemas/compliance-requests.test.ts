import { describe, expect, it } from 'vitest';
import { DetachedSignature, LegalHoldRequest, OrderIdParam, VerifyRequest } from '../../../shared/compliance/schemas/compliance.js';

describe('given a legal hold request', () => {
  it('when it gives a reason, then it is accepted trimmed', () => {
    expect(LegalHoldRequest.parse({ reason: '  recall R-7 investigation ' })).toEqual({ reason: 'recall R-7 investigation' });
  });

  it.each([{}, { reason: '' }, { reason: 'no' }, { reason: 'x'.repeat(501) }, { reason: 'recall R-7', extra: true }])(
    'when it is %j, then it is refused',
    (body) => {
      expect(LegalHoldRequest.safeParse(body).success).toBe(false);
    },
  );
});

describe('given a verification request', () => {
  it('when only the order is named, then the JSON record is verified', () => {
    expect(VerifyRequest.parse({ orderId: 'ORD-01ABC' })).toEqual({ orderId: 'ORD-01ABC', document: 'json' });
  });

  it.each([{ orderId: 'ORD 1' }, { orderId: '../etc' }, { orderId: 'ORD-1', document: 'docx' }, { orderId: 'ORD-1', versionId: '' }])(
    'when it is %j, then it is refused',
    (body) => {
      expect(VerifyRequest.safeParse(body).success).toBe(false);
    },
  );

  it('when an order id holds a slash or is too long, then it cannot become part of an archive key', () => {
    expect(OrderIdParam.safeParse('a/b').success).toBe(false);
    expect(OrderIdParam.safeParse('A'.repeat(65)).success).toBe(false);
  });
});

describe('given a stored detached signature', () => {
  const valid = {
    document: { key: 'orders/O/audit-record.json', versionId: 'v1', sha256: 'ab'.repeat(32) },
    keyId: 'arn:aws:kms:us-east-1:000000000000:key/k',
    signingAlgorithm: 'ECDSA_SHA_256',
    messageType: 'DIGEST',
    signature: Buffer.from('sig').toString('base64'),
    signedAt: '2025-03-02T09:00:00.000Z',
  };

  it('when it is complete, then it parses', () => {
    expect(DetachedSignature.parse(valid)).toEqual(valid);
  });

  it('when its algorithm or digest is not the archive’s, then it is refused', () => {
    expect(DetachedSignature.safeParse({ ...valid, signingAlgorithm: 'RSASSA_PSS_SHA_256' }).success).toBe(false);
    expect(DetachedSignature.safeParse({ ...valid, document: { ...valid.document, sha256: 'XYZ' } }).success).toBe(false);
  });
});
