import { findBatch, resultsOf, type BatchRecord } from '../../data/batch-repository.js';
import { BatchProgress, BatchStatus, type BatchAccepted, type BatchReport } from '../../schemas/batch.js';

export const batchLinks = (batchId: string) => ({ self: `/v1/channels/batch/${encodeURIComponent(batchId)}` });

export function progressOf(batch: BatchRecord): BatchProgress {
  return BatchProgress.parse({
    rows: batch.rows,
    orders: batch.orders,
    rowsProcessed: batch.rowsProcessed,
    ordersProcessed: batch.ordersProcessed,
    created: batch.ordersCreated,
    held: batch.ordersHeld ?? 0,
    duplicates: batch.ordersDuplicate,
    refused: batch.ordersRefused,
    failed: batch.ordersFailed,
  });
}

export function acceptedOf(batch: BatchRecord): BatchAccepted {
  return { batchId: batch.batchId, status: BatchStatus.parse(batch.status), progress: progressOf(batch), links: batchLinks(batch.batchId) };
}

/** The batch's report for the client that uploaded it; any other caller is told it does not exist. */
export async function batchReportFor(batchId: string, clientId: string): Promise<BatchReport | undefined> {
  const batch = await findBatch(batchId);
  if (!batch || batch.ownerClientId !== clientId) return undefined;
  return reportOf(batch);
}

export async function reportOf(batch: BatchRecord): Promise<BatchReport> {
  return {
    batchId: batch.batchId,
    status: BatchStatus.parse(batch.status),
    progress: progressOf(batch),
    receivedAt: batch.receivedAt,
    ...(batch.completedAt ? { completedAt: batch.completedAt } : {}),
    orders: await resultsOf(batch.batchId),
    links: batchLinks(batch.batchId),
  };
}
