import type { BatchOrderOutcome, BatchOrderResult, BatchProgress } from '../../schemas/batch.js';

export type ProgressCounter = 'created' | 'held' | 'duplicates' | 'refused' | 'failed';

/** Which progress counter an order's outcome moves. */
export const COUNTER_OF: Record<BatchOrderOutcome, ProgressCounter> = {
  CREATED: 'created',
  HELD: 'held',
  DUPLICATE: 'duplicates',
  REFUSED: 'refused',
  FAILED: 'failed',
};

/** Progress of a file's orders from their results, for a file of the given size. */
export function tally(results: readonly BatchOrderResult[], size: { rows: number; orders: number }): BatchProgress {
  const progress: BatchProgress = { ...size, rowsProcessed: 0, ordersProcessed: 0, created: 0, held: 0, duplicates: 0, refused: 0, failed: 0 };
  for (const result of results) {
    progress.ordersProcessed += 1;
    progress.rowsProcessed += result.rows.length;
    progress[COUNTER_OF[result.outcome]] += 1;
  }
  return progress;
}

/** 200 when every order of a synchronously processed file was created; 207 when the report is mixed. */
export function syncStatusCode(progress: BatchProgress): 200 | 207 {
  return progress.created === progress.orders ? 200 : 207;
}

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The refused rows as CSV (row, customerPo, field, message), for fixing and re-uploading. */
export function badRowsCsv(results: readonly BatchOrderResult[]): string {
  const lines = ['row,customerPo,field,message'];
  for (const result of results) {
    for (const error of result.errors ?? []) lines.push([error.row, result.customerPo, error.field, error.message].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
