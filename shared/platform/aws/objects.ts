import { GetObjectCommand, HeadObjectCommand, ListObjectVersionsCommand, PutObjectCommand, PutObjectLegalHoldCommand } from '@aws-sdk/client-s3';
import { s3Client } from './s3.js';

export interface LockedObject {
  bucket: string;
  key: string;
  body: string | Uint8Array;
  contentType: string;
  /** COMPLIANCE retention until this instant: nobody, the root user included, can delete or overwrite the version before it. */
  retainUntil: Date;
  metadata?: Record<string, string>;
}

/**
 * Writes one object version under COMPLIANCE retention (with an SHA-256
 * checksum S3 verifies on receipt) and returns its version id. A bucket that
 * returns none is not versioned, and a write-once archive without versions
 * is not one: that is an error, not a result.
 */
export async function putLockedObject(object: LockedObject): Promise<{ versionId: string }> {
  const stored = await s3Client.send(
    new PutObjectCommand({
      Bucket: object.bucket,
      Key: object.key,
      Body: object.body,
      ContentType: object.contentType,
      ChecksumAlgorithm: 'SHA256',
      ...(object.metadata ? { Metadata: object.metadata } : {}),
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: object.retainUntil,
    }),
  );
  if (!stored.VersionId) throw new Error(`bucket ${object.bucket} did not return a version id for ${object.key}: is versioning on?`);
  return { versionId: stored.VersionId };
}

export interface PlainObject {
  bucket: string;
  key: string;
  body: string | Uint8Array;
  contentType?: string;
  /** Ask S3 to verify an SHA-256 checksum of the body on receipt. */
  checksumSha256?: boolean;
}

/** Writes an object with the bucket's defaults (a bucket with default retention still locks it). */
export async function putObject(object: PlainObject): Promise<void> {
  await s3Client.send(
    new PutObjectCommand({
      Bucket: object.bucket,
      Key: object.key,
      Body: object.body,
      ...(object.contentType ? { ContentType: object.contentType } : {}),
      ...(object.checksumSha256 ? { ChecksumAlgorithm: 'SHA256' as const } : {}),
    }),
  );
}

export interface StoredObject {
  bytes: Uint8Array;
  /** The version read ('null' in a bucket that never had versioning). */
  versionId: string;
  metadata: Record<string, string>;
}

/**
 * What S3 answers when there is no such object to read: no such key
 * (NoSuchKey; NotFound when the caller may not list the bucket), no such
 * version (NoSuchVersion), or a version id that is not one (InvalidArgument,
 * as a version id typed by a user can be). All mean "not there", which the
 * caller answers; any other error is thrown.
 */
const NOT_THERE = ['NoSuchKey', 'NoSuchVersion', 'NotFound', 'InvalidArgument'] as const;

/** One exact version (or the latest when none is named); undefined when it does not exist. */
export async function readObject(bucket: string, key: string, versionId?: string): Promise<StoredObject | undefined> {
  try {
    const object = await s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }));
    if (!object.Body) return undefined;
    return { bytes: await object.Body.transformToByteArray(), versionId: object.VersionId ?? versionId ?? 'null', metadata: object.Metadata ?? {} };
  } catch (error) {
    if (error instanceof Error && (NOT_THERE as readonly string[]).includes(error.name)) return undefined;
    throw error;
  }
}

/** The UTF-8 text of an object version, for callers to whom a missing object is an error. */
export async function readObjectText(bucket: string, key: string, versionId?: string): Promise<string> {
  const object = await readObject(bucket, key, versionId);
  if (!object) throw new Error(`${key}${versionId ? ` (version ${versionId})` : ''} does not exist in ${bucket}`);
  return textOf(object);
}

export const textOf = (object: Pick<StoredObject, 'bytes'>) => Buffer.from(object.bytes).toString('utf8');

export interface ObjectVersion {
  key: string;
  versionId: string;
  isLatest: boolean;
  size: number;
  lastModified: string;
}

/** Every stored version under a prefix (delete markers are not documents), all pages, by key then age. */
export async function versionsUnder(bucket: string, prefix: string): Promise<ObjectVersion[]> {
  const versions: ObjectVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await s3Client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
    for (const version of page.Versions ?? []) {
      if (!version.Key || !version.VersionId) continue;
      versions.push({
        key: version.Key,
        versionId: version.VersionId,
        isLatest: version.IsLatest ?? false,
        size: version.Size ?? 0,
        lastModified: (version.LastModified ?? new Date(0)).toISOString(),
      });
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return versions.sort((a, b) => a.key.localeCompare(b.key) || a.lastModified.localeCompare(b.lastModified));
}

export interface ObjectLockState {
  sha256?: string;
  retainUntil?: string;
  retentionMode?: 'COMPLIANCE' | 'GOVERNANCE';
  legalHold: 'ON' | 'OFF';
}

export async function lockStateOf(bucket: string, key: string, versionId: string): Promise<ObjectLockState> {
  const head = await s3Client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return {
    sha256: head.Metadata?.sha256,
    retainUntil: head.ObjectLockRetainUntilDate?.toISOString(),
    retentionMode: head.ObjectLockMode,
    legalHold: head.ObjectLockLegalHoldStatus === 'ON' ? 'ON' : 'OFF',
  };
}

/** While a legal hold is ON, S3 refuses to delete the version even after its retention has ended. */
export async function setLegalHoldOn(bucket: string, version: Pick<ObjectVersion, 'key' | 'versionId'>, status: 'ON' | 'OFF'): Promise<void> {
  await s3Client.send(new PutObjectLegalHoldCommand({ Bucket: bucket, Key: version.key, VersionId: version.versionId, LegalHold: { Status: status } }));
}
