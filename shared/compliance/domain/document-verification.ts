import { verify, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../../platform/domain/canonical-json.js';

export interface CheckOutcome {
  ok: boolean;
  detail: string;
}

/** What a detached signature object says it signed, and with what. */
export interface SignatureClaim {
  document: { key: string; versionId: string; sha256: string };
  keyId: string;
  signature: string;
  signedAt: string;
}

export interface DocumentEvidence {
  /** The bytes of the object version being checked, and that version's id. */
  bytes: Uint8Array;
  versionId: string;
  /** The SHA-256 the writer stored in the object's metadata, if any. */
  sha256Metadata?: string;
  /** The detached signature, or undefined when none could be read. */
  signature: SignatureClaim | undefined;
  /** The archive's signing key: its id and its public key. */
  signingKey: { keyId: string; publicKey: KeyObject };
  /** What the order record kept when the document was archived. */
  recorded: { versionId: string; sha256: string };
}

export interface DocumentChecks {
  sha256: string;
  signature: CheckOutcome;
  objectHash: CheckOutcome;
  orderRecord: CheckOutcome;
}

/**
 * The three checks on an archived document that need no more than its bytes
 * and what was written about it: the detached ECDSA signature verifies over
 * these bytes with the archive's public key (a signature naming another key
 * is not the archive's); the bytes hash to the digest the signature and the
 * metadata name, for this very version; and the hash is the one the order
 * recorded when it was archived.
 */
export function checkDocument(evidence: DocumentEvidence): DocumentChecks {
  const sha256 = sha256Hex(evidence.bytes);
  const { signature, signingKey, recorded } = evidence;
  const orderRecord =
    sha256 === recorded.sha256
      ? { ok: true, detail: 'equals the hash the order recorded when it was archived' }
      : { ok: false, detail: `the order recorded ${recorded.sha256} for version ${recorded.versionId}` };
  if (!signature) {
    return {
      sha256,
      signature: { ok: false, detail: 'no readable detached signature' },
      objectHash: { ok: false, detail: 'no signed digest to compare with' },
      orderRecord,
    };
  }
  const sameKey = signature.keyId === signingKey.keyId;
  const verified = sameKey && verify('sha256', evidence.bytes, signingKey.publicKey, Buffer.from(signature.signature, 'base64'));
  const signatureCheck = verified
    ? { ok: true, detail: `ECDSA P-256 signature of ${signature.signedAt} verifies with the public key of ${signingKey.keyId}` }
    : { ok: false, detail: sameKey ? 'the signature does not verify over these bytes' : `the signature names another key (${signature.keyId})` };
  const digestsAgree = [signature.document.sha256, ...(evidence.sha256Metadata ? [evidence.sha256Metadata] : [])].every((digest) => digest === sha256);
  const objectHash =
    digestsAgree && signature.document.versionId === evidence.versionId
      ? { ok: true, detail: `SHA-256 ${sha256} equals the signed digest of version ${evidence.versionId}` }
      : {
          ok: false,
          detail: `this version hashes to ${sha256}; the signature covers version ${signature.document.versionId} with ${signature.document.sha256}`,
        };
  return { sha256, signature: signatureCheck, objectHash, orderRecord };
}
