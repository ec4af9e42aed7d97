import { closeRecallRecord, consigneesOf, findRecall, updateRecall } from '../data/recall-repository.js';
import { decideClose } from '../domain/recall-closure.js';
import { RecallStatus, type RecallCloseRequest, type RecallView } from '../schemas/recall.js';
import type { ArchiveSettings } from '../../compliance/services/archive/archive-order.js';
import { archiveRecall } from './archive.js';
import { recallStatus } from './view.js';

export type CloseOutcome = { result: 'CLOSED'; recall: RecallView } | { result: 'NOT_FOUND' } | { result: 'REFUSED'; reason: string; open: string[] };

/**
 * Closes a recall (see decideClose for when it may): the recall becomes
 * CLOSED and its claims on lots and serials end in one transaction, then the
 * final record and package are archived as a new signed, locked version.
 * Held stock stays held: releasing it is quality's decision. A close retried
 * after the archive failed finishes the archive.
 */
export async function closeRecall(
  recallId: string,
  request: RecallCloseRequest,
  actor: string,
  archive: ArchiveSettings,
  now: Date = new Date(),
): Promise<CloseOutcome> {
  const recall = await findRecall(recallId);
  if (!recall) return { result: 'NOT_FOUND' };
  if (!(recall.status === 'CLOSED' && !recall.closeArchivedAt)) {
    const consignees = await consigneesOf(recallId);
    const decision = decideClose(
      RecallStatus.parse(recall.status),
      consignees.map((consignee) => ({
        customerId: consignee.customerId,
        letterStatus: consignee.letterStatus,
        acknowledged: consignee.acknowledgedAt !== undefined,
      })),
      request.override !== undefined,
    );
    if (!decision.allowed) return { result: 'REFUSED', reason: decision.reason, open: decision.open };
    const closed = await closeRecallRecord(recall, {
      closedAt: now.toISOString(),
      closedBy: actor,
      outcome: request.outcome,
      reason: request.reason,
      ...(request.override ? { override: `${request.override.justification} (open: ${decision.open.join('; ') || 'none'})` } : {}),
    });
    if (!closed) return { result: 'REFUSED', reason: 'the recall changed while it was being closed; read it again and retry', open: [] };
  }
  await archiveRecall(recallId, archive, actor, now, 'final recall package archived on close');
  await updateRecall(recallId, { closeArchivedAt: new Date().toISOString(), changedBy: actor, changeReason: 'recall closed and its final package archived' });
  const view = await recallStatus(recallId);
  if (!view) throw new Error(`recall ${recallId} vanished`);
  return { result: 'CLOSED', recall: view };
}
