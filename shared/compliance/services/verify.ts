import { readObject } from '../../platform/aws/objects.js';
import { publicKey } from '../../platform/aws/signing.js';
import { findOrder } from '../../orders/data/order-repository.js';
import { checkDocument } from '../domain/document-verification.js';
import { DetachedSignature, type VerifyRequest, type VerifyResult } from '../schemas/compliance.js';
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

export interface VerifyDeps {
  readObject: typeof readObject;
  /** Cached per container by the port: a key id's public key never changes. */
  publicKey: typeof publicKey;
}

const defaultVerifyDeps: VerifyDeps = { readObject, publicKey };

/**
 * Verifies one archived document of an order: its detached signature with
 * the KMS public key (offline, node:crypto), its bytes against the digest
 * the signature and the object's metadata name, its hash against the one the
 * order record kept when it was archived, and the order's audit chain.
 * Without a version id the version the order record names is checked, so a
 * later version written over the same key never replaces the original.
 */
export async function verifyDocument(request: VerifyRequest, settings: VerifySettings, deps: VerifyDeps = defaultVerifyDeps): Promise<VerifyOutcome> {
  const order = await findOrder(request.orderId);
  if (!order?.archive) return { result: 'NOT_FOUND', detail: `Order ${request.orderId} has no archived record.` };
  const reference = documentsOf(order.archive).find((d) => d.kind === request.document);
  if (!reference) return { result: 'NOT_FOUND', detail: `Order ${request.orderId} was archived without a ${request.document.toUpperCase()} document.` };

  const versionId = request.versionId ?? reference.versionId;
  const [object, signatureObject] = await Promise.all([
    deps.readObject(settings.bucket, reference.key, versionId),
    deps.readObject(settings.bucket, reference.signatureKey, reference.signatureVersionId),
  ]);
  if (!object) return { result: 'NOT_FOUND', detail: `Version ${versionId} of ${reference.key} does not exist.` };
  const parsed = signatureObject ? DetachedSignature.safeParse(jsonOrUndefined(signatureObject.bytes)) : undefined;
  const checks = checkDocument({
    bytes: object.bytes,
    versionId: object.versionId,
    sha256Metadata: object.metadata.sha256,
    signature: parsed?.success ? parsed.data : undefined,
    signingKey: { keyId: settings.signingKeyId, publicKey: await deps.publicKey(settings.signingKeyId) },
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
