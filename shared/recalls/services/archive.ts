import { findProducts } from '../../master-data/data/master-data-repository.js';
import { getRecall, updateRecall, updateRecallWhile } from '../data/recall-repository.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { canonicalJson } from '../../platform/domain/canonical-json.js';
import { responseTimeMs } from '../domain/recall.js';
import { recordRetention } from '../../compliance/domain/retention.js';
import { writeSignedDocument } from '../../compliance/services/archive/signed-document.js';
import type { ArchiveSettings } from '../../compliance/services/archive/archive-order.js';
import type { RecallPackage } from '../schemas/recall.js';
import { recallPackage } from './view.js';

export const RECALL_DOCUMENT_SCHEMA = 'o2c.recall-package/1';

/** Acknowledgements in a package, as a comparable fingerprint (who and when). */
const acknowledgementsOf = (pkg: RecallPackage) =>
  pkg.consignees
    .filter((consignee) => consignee.acknowledgement)
    .map((consignee) => `${consignee.customerId}@${consignee.acknowledgement?.acknowledgedAt ?? ''}`)
    .join(',');

/**
 * Writes the recall record and its package, as read now (strongly
 * consistent), as a new locked version: canonical JSON, SHA-256, KMS
 * signature, kept as long as the product's records. Returns the archive
 * reference and the package written.
 */
async function writeArchive(recallId: string, settings: ArchiveSettings, now: Date) {
  const recall = await getRecall(recallId);
  const pkg = await recallPackage(recallId);
  if (!pkg) throw new Error(`recall ${recallId} vanished`);
  const products = await findProducts([recall.gtin]);
  const product = products.get(recall.gtin);
  const { retainUntil } = recordRetention(product ? [product] : [], settings.defaultRetentionYears, utcDateOf(now));
  const body = canonicalJson({ schema: RECALL_DOCUMENT_SCHEMA, archivedAt: now.toISOString(), retainUntil, package: pkg });
  const stored = await writeSignedDocument(settings, { key: `recalls/${recallId}/package.json`, body, contentType: 'application/json' }, retainUntil, now);
  return { recall, pkg, archive: { bucket: settings.bucket, key: stored.key, versionId: stored.versionId, sha256: stored.sha256 } };
}

/**
 * Archives the recall record and its package under Object Lock. The first
 * archive completes the recall and fixes its response time; each later one
 * (an acknowledgement, the close) is a new version of the same key, so the
 * locked history shows the package as it grew.
 *
 * An acknowledgement recorded while the first archive is written would miss
 * it: the acknowledgement archives only once it sees the recall COMPLETED
 * (it reads the status after its own write), and the first archive, once it
 * has marked the recall COMPLETED, reads the acknowledgements again and
 * writes one more version if any arrived meanwhile. With strongly consistent
 * reads one of the two always sees the other's write.
 */
export async function archiveRecall(
  recallId: string,
  settings: ArchiveSettings,
  actor: string,
  now: Date = new Date(),
  why = 'recall package archived again after an acknowledgement',
): Promise<void> {
  const { recall, pkg, archive } = await writeArchive(recallId, settings, now);
  if (recall.status === 'COMPLETED' || recall.status === 'CLOSED') {
    await updateRecall(recallId, { archive, changedBy: actor, changeReason: why });
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
  const latest = await recallPackage(recallId);
  if (latest && acknowledgementsOf(latest) !== acknowledgementsOf(pkg)) {
    const again = await writeArchive(recallId, settings, new Date());
    await updateRecall(recallId, {
      archive: again.archive,
      changedBy: actor,
      changeReason: 'recall package archived again: acknowledgements arrived while it was first written',
    });
  }
}

/**
 * After an acknowledgement was recorded (its table change, published as
 * RecallAcknowledged): a completed recall's package gets a new locked, signed
 * version that includes it, and the recall names that version while it is
 * still COMPLETED. Before completion nothing is written here: the workflow's
 * first archive includes it (see archiveRecall; the status is read after the
 * acknowledgement's write, which this follows). A closed recall is left as
 * closed: its close archived the final package, with every acknowledgement
 * (a closed recall takes none), and a version written while the close ran
 * stays in the locked history without replacing the recall's final one.
 */
export async function archiveAfterAcknowledgement(
  recallId: string,
  settings: ArchiveSettings,
  now: Date = new Date(),
): Promise<'ARCHIVED' | 'NOT_COMPLETED' | 'CLOSED'> {
  const status = (await getRecall(recallId)).status;
  if (status === 'CLOSED') return 'CLOSED';
  if (status !== 'COMPLETED') return 'NOT_COMPLETED';
  const { archive } = await writeArchive(recallId, settings, now);
  const named = await updateRecallWhile(recallId, 'COMPLETED', {
    archive,
    changedBy: 'system:recall-ack-archiver',
    changeReason: 'recall package archived again after an acknowledgement',
  });
  return named ? 'ARCHIVED' : 'CLOSED';
}

export async function failRecall(recallId: string, error: string | undefined): Promise<void> {
  await updateRecall(recallId, {
    status: 'FAILED',
    statusReason: `technical failure: ${error ?? 'unknown'}; the lots stay on hold, see the recall workflow's execution`,
    changedBy: 'system:recall-workflow',
    changeReason: 'recall workflow failed',
  });
}
