import { findProducts } from '../../data/master-data-repository.js';
import { getRecall, updateRecall } from '../../data/recall-repository.js';
import { utcDateOf } from '../../domain/calendar-date.js';
import { canonicalJson } from '../../domain/canonical-json.js';
import { responseTimeMs } from '../../domain/recall.js';
import { recordRetention } from '../../domain/retention.js';
import { writeSignedDocument } from '../archive/signed-document.js';
import type { ArchiveSettings } from '../workflow/archive.js';
import { recallPackage } from './view.js';

export const RECALL_DOCUMENT_SCHEMA = 'o2c.recall-package/1';

/**
 * Archives the recall record and its package (canonical JSON, SHA-256, KMS
 * signature) under Object Lock, kept as long as the product's records. The
 * first archive completes the recall and fixes its response time; each
 * acknowledgement archives a new version of the same key, so the locked
 * history shows the package as it grew.
 */
export async function archiveRecall(recallId: string, settings: ArchiveSettings, actor: string, now: Date = new Date()): Promise<void> {
  const recall = await getRecall(recallId);
  const pkg = await recallPackage(recallId);
  if (!pkg) throw new Error(`recall ${recallId} vanished`);
  const products = await findProducts([recall.gtin]);
  const product = products.get(recall.gtin);
  const { retainUntil } = recordRetention(product ? [product] : [], settings.defaultRetentionYears, utcDateOf(now));
  const body = canonicalJson({ schema: RECALL_DOCUMENT_SCHEMA, archivedAt: now.toISOString(), retainUntil, package: pkg });
  const stored = await writeSignedDocument(settings, { key: `recalls/${recallId}/package.json`, body, contentType: 'application/json' }, retainUntil, now);
  const archive = { bucket: settings.bucket, key: stored.key, versionId: stored.versionId, sha256: stored.sha256 };
  if (recall.status === 'COMPLETED') {
    await updateRecall(recallId, { archive, changedBy: actor, changeReason: 'recall package archived again after an acknowledgement' });
    return;
  }
  const completedAt = new Date().toISOString();
  await updateRecall(recallId, {
    status: 'COMPLETED',
    completedAt,
    responseTimeMs: responseTimeMs(recall.createdAt, completedAt),
    archive,
    changedBy: actor,
    changeReason: 'every letter sent and the recall package archived',
  });
}

export async function failRecall(recallId: string, error: string | undefined): Promise<void> {
  await updateRecall(recallId, {
    status: 'FAILED',
    statusReason: `technical failure: ${error ?? 'unknown'}; the lots stay on hold, see the recall workflow's execution`,
    changedBy: 'system:recall-workflow',
    changeReason: 'recall workflow failed',
  });
}
