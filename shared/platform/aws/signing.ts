import { createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { kmsClient } from './kms.js';

/** The archive's asymmetric KMS key is ECC_NIST_P256: ECDSA over a SHA-256 digest computed here (MessageType DIGEST). */
export const SIGNING_ALGORITHM = 'ECDSA_SHA_256' as const;

export interface DigestSignature {
  /** The key that signed, as KMS names it (its ARN), or the id asked for when KMS names none. */
  keyId: string;
  signingAlgorithm: typeof SIGNING_ALGORITHM;
  /** Base64 of the DER-encoded ECDSA signature. */
  signature: string;
}

/** Signs a SHA-256 digest (hex) with a KMS key: the document itself never leaves the function. */
export async function signDigest(keyId: string, sha256Hex: string): Promise<DigestSignature> {
  const signed = await kmsClient.send(
    new SignCommand({ KeyId: keyId, Message: Buffer.from(sha256Hex, 'hex'), MessageType: 'DIGEST', SigningAlgorithm: SIGNING_ALGORITHM }),
  );
  if (!signed.Signature) throw new Error('KMS returned no signature');
  return { keyId: signed.KeyId ?? keyId, signingAlgorithm: SIGNING_ALGORITHM, signature: Buffer.from(signed.Signature).toString('base64') };
}

/**
 * KMS answers a signature that does not verify with an error
 * (KMSInvalidSignatureException) rather than SignatureValid false: that is
 * the answer "not valid", not a failure. Any other error is thrown.
 */
const DOES_NOT_VERIFY = ['KMSInvalidSignatureException'] as const;

/** Whether a base64 signature is the key's signature over a SHA-256 digest (hex), asked of KMS. */
export async function verifyDigest(keyId: string, sha256Hex: string, signatureBase64: string): Promise<boolean> {
  try {
    const verified = await kmsClient.send(
      new VerifyCommand({
        KeyId: keyId,
        Message: Buffer.from(sha256Hex, 'hex'),
        MessageType: 'DIGEST',
        Signature: Buffer.from(signatureBase64, 'base64'),
        SigningAlgorithm: SIGNING_ALGORITHM,
      }),
    );
    return verified.SignatureValid === true;
  } catch (error) {
    if (error instanceof Error && (DOES_NOT_VERIFY as readonly string[]).includes(error.name)) return false;
    throw error;
  }
}

// A key id's public key never changes: fetch it once per container (a failed fetch is not kept).
const publicKeys = new Map<string, Promise<KeyObject>>();

/** The public half of a KMS signing key, for verifying offline with node:crypto. */
export function publicKey(keyId: string): Promise<KeyObject> {
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
