import { decodeUtf8, readBatchCsv, type CsvRow } from '../../domain/batch/csv-file.js';

/** The HTTP API's payload limit on AWS; larger files never reach a function. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type BatchFile = { ok: true; rows: CsvRow[] } | { ok: false; reason: string };

/** Reads uploaded bytes as the batch CSV, or says why the file is refused whole. */
export function readBatchFile(bytes: Uint8Array): BatchFile {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, reason: `The file has ${bytes.byteLength} bytes; at most ${MAX_UPLOAD_BYTES}.` };
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? readBatchCsv(decoded.text) : decoded;
}
