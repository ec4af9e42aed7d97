import { consigneesOf, findRecall, type RecallConsigneeRecord, type RecallRecord } from '../data/recall-repository.js';
import { needsAnotherRoute } from '../domain/letter-status.js';
import { recallProgress } from '../domain/recall.js';
import { RecallClass, RecallStatus, type RecallConsignee, type RecallPackage, type RecallView } from '../schemas/recall.js';

export function consigneeView(record: RecallConsigneeRecord): RecallConsignee {
  return {
    customerId: record.customerId,
    legalName: record.legalName,
    ...(record.contactEmail ? { contactEmail: record.contactEmail } : {}),
    ...(record.address ? { address: record.address } : {}),
    quantity: record.quantity,
    quantityByLot: record.quantityByLot,
    shipments: record.shipments,
    letter: {
      status: record.letterStatus,
      ...(record.letterMessageId ? { messageId: record.letterMessageId } : {}),
      ...(record.letterSentAt ? { sentAt: record.letterSentAt } : {}),
      ...(record.letterError ? { error: record.letterError } : {}),
      ...(record.letterEventAt ? { eventAt: record.letterEventAt } : {}),
      ...(record.letterEventDetail ? { detail: record.letterEventDetail } : {}),
    },
    ...(record.acknowledgedAt
      ? {
          acknowledgement: {
            acknowledgedAt: record.acknowledgedAt,
            contactName: record.ackContactName ?? '',
            quantityOnHand: record.ackQuantityOnHand ?? 0,
            ...(record.ackSerialsOnHand ? { serialsOnHand: record.ackSerialsOnHand } : {}),
            ...(record.ackComment ? { comment: record.ackComment } : {}),
          },
        }
      : {}),
  };
}

export function recallView(recall: RecallRecord, consignees: readonly RecallConsignee[]): RecallView {
  return {
    recallId: recall.recallId,
    class: RecallClass.parse(recall.recallClass),
    reason: recall.reason,
    gtin: recall.gtin,
    lots: recall.lots,
    serials: recall.serials ?? [],
    status: RecallStatus.parse(recall.status),
    ...(recall.statusReason ? { statusReason: recall.statusReason } : {}),
    createdAt: recall.createdAt,
    createdBy: recall.createdBy,
    ...(recall.containedAt ? { containedAt: recall.containedAt } : {}),
    ...(recall.notifiedAt ? { notifiedAt: recall.notifiedAt } : {}),
    ...(recall.completedAt ? { completedAt: recall.completedAt } : {}),
    ...(recall.responseTimeMs !== undefined ? { responseTimeMs: recall.responseTimeMs } : {}),
    stoppedOrders: [...new Set((recall.stoppedLines ?? []).map((line) => line.orderId))],
    heldLots: recall.heldLots ?? [],
    heldSerials: recall.heldSerials ?? [],
    needsFollowUp: consignees
      .filter((consignee) => needsAnotherRoute(consignee.letter.status))
      .map((consignee) => ({
        customerId: consignee.customerId,
        legalName: consignee.legalName,
        letterStatus: consignee.letter.status,
        ...(consignee.letter.detail || consignee.letter.error ? { detail: consignee.letter.detail ?? consignee.letter.error } : {}),
      })),
    ...(recall.closedAt
      ? {
          closure: {
            closedAt: recall.closedAt,
            closedBy: recall.closedBy ?? '',
            outcome: recall.closeOutcome ?? '',
            reason: recall.closeReason ?? '',
            ...(recall.closeOverride ? { override: recall.closeOverride } : {}),
          },
        }
      : {}),
    ...(recall.archive ? { archive: recall.archive } : {}),
    progress: recallProgress(consignees),
  };
}

/** The recall with its progress: one query on the recall's partition. */
export async function recallStatus(recallId: string): Promise<RecallView | undefined> {
  const recall = await findRecall(recallId);
  if (!recall) return undefined;
  return recallView(recall, (await consigneesOf(recallId)).map(consigneeView));
}

/** The recall package: consignees with shipments, letters and acknowledgements, stock still here, orders stopped. */
export async function recallPackage(recallId: string): Promise<RecallPackage | undefined> {
  const recall = await findRecall(recallId);
  if (!recall) return undefined;
  const consignees = (await consigneesOf(recallId)).map(consigneeView);
  return {
    recall: recallView(recall, consignees),
    consignees,
    stockOnHand: recall.stockOnHand ?? [],
    stoppedOrders: recall.stoppedLines ?? [],
  };
}
