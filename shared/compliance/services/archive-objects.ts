import { GetObjectCommand, HeadObjectCommand, ListObjectVersionsCommand, PutObjectLegalHoldCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../../platform/aws/s3.js';

export interface ObjectVersion {
  key: string;
  versionId: string;
  isLatest: boolean;
  size: number;
  lastModified: string;
}

/** Every stored version under a prefix (delete markers are not documents), all pages. */
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

export interface StoredObject {
  bytes: Uint8Array;
  versionId: string;
  sha256Metadata?: string;
}

/** One exact version (or the latest when none is named); undefined when it does not exist. */
export async function readObject(bucket: string, key: string, versionId?: string): Promise<StoredObject | undefined> {
  try {
    const object = await s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    if (!object.Body) return undefined;
    return { bytes: await object.Body.transformToByteArray(), versionId: object.VersionId ?? versionId ?? 'null', sha256Metadata: object.Metadata?.sha256 };
  } catch (error) {
    if (error instanceof Error && ['NoSuchKey', 'NoSuchVersion', 'NotFound', 'InvalidArgument'].includes(error.name)) return undefined;
    throw error;
  }
}

export async function setLegalHoldOn(bucket: string, version: Pick<ObjectVersion, 'key' | 'versionId'>, status: 'ON' | 'OFF'): Promise<void> {
  await s3Client.send(new PutObjectLegalHoldCommand({ Bucket: bucket, Key: version.key, VersionId: version.versionId, LegalHold: { Status: status } }));
}
