import { createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand } from '@aws-sdk/client-kms';
import { kmsClient } from '../../platform/aws/kms.js';
import { findOrder } from '../../orders/data/order-repository.js';
import { checkDocument } from '../domain/document-verification.js';
import { DetachedSignature, type VerifyRequest, type VerifyResult } from '../schemas/compliance.js';
import { readObject } from './archive-objects.js';
import { checkAuditChain } from './chain.js';
import { documentsOf } from './documents.js';

export type VerifyOutcome = { result: 'CHECKED'; report: VerifyResult } | { result: 'NOT_FOUND'; detail: string };

export interface VerifySettings {
  bucket: string;
  /** The archive's signing key: a signature naming any other key is not ours. */
  signingKeyId: string;
}

function jsonOrUndefined(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

// The public key never changes for a key id: fetch it once per container.
const publicKeys = new Map<string, Promise<KeyObject>>();
function publicKeyOf(keyId: string): Promise<KeyObject> {
  let key = publicKeys.get(keyId);
  if (!key) {
    key = kmsClient.send(new GetPublicKeyCommand({ KeyId: keyId })).then(({ PublicKey }) => {
      if (!PublicKey) throw new Error(`KMS returned no public key for ${keyId}`);
      return createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' });
    });
    key.catch(() => publicKeys.delete(keyId));
    publicKeys.set(keyId, key);
  }
  return key;
}

/**
 * Verifies one archived document of an order: its detached signature with
 * the KMS public key (offline, node:crypto), its bytes against the digest
 * the signature and the object's metadata name, its hash against the one the
 * order record kept when it was archived, and the order's audit chain.
 * Without a version id the version the order record names is checked, so a
 * later version written over the same key never replaces the original.
 */
export async function verifyDocument(request: VerifyRequest, settings: VerifySettings): Promise<VerifyOutcome> {
  const order = await findOrder(request.orderId);
  if (!order?.archive) return { result: 'NOT_FOUND', detail: `Order ${request.orderId} has no archived record.` };
  const reference = documentsOf(order.archive).find((d) => d.kind === request.document);
  if (!reference) return { result: 'NOT_FOUND', detail: `Order ${request.orderId} was archived without a ${request.document.toUpperCase()} document.` };

  const versionId = request.versionId ?? reference.versionId;
  const [object, signatureObject] = await Promise.all([
    readObject(settings.bucket, reference.key, versionId),
    readObject(settings.bucket, reference.signatureKey, reference.signatureVersionId),
  ]);
  if (!object) return { result: 'NOT_FOUND', detail: `Version ${versionId} of ${reference.key} does not exist.` };
  const parsed = signatureObject ? DetachedSignature.safeParse(jsonOrUndefined(signatureObject.bytes)) : undefined;
  const checks = checkDocument({
    bytes: object.bytes,
    versionId: object.versionId,
    sha256Metadata: object.sha256Metadata,
    signature: parsed?.success ? parsed.data : undefined,
    signingKey: { keyId: settings.signingKeyId, publicKey: await publicKeyOf(settings.signingKeyId) },
    recorded: { versionId: reference.versionId, sha256: reference.sha256 },
  });
  const chain = await checkAuditChain(request.orderId, settings.bucket);

  return {
    result: 'CHECKED',
    report: {
      orderId: request.orderId,
      document: request.document,
      key: reference.key,
      versionId: object.versionId,
      sha256: checks.sha256,
      valid: checks.signature.ok && checks.objectHash.ok && checks.orderRecord.ok && chain.status !== 'broken',
      checks: { signature: checks.signature, objectHash: checks.objectHash, orderRecord: checks.orderRecord, chain },
    },
  };
}
