import { BatchAccepted, BatchReport } from '../../shared/channels/schemas/batch.js';
import { givenProduct, parseAnswer, type ApiClient, type ApiResponse } from './stack.js';
import { uniqueGtin, uniqueId } from './fixtures.js';

export const BATCH_HEADER =
  'customerId,customerPo,requestedDeliveryDate,shipToName,shipToLine1,shipToLine2,shipToCity,shipToPostalCode,shipToCountry,gtin,quantity,expectedUnitPrice';

export interface BatchLine {
  customerId: string;
  customerPo: string;
  gtin: string;
  quantity?: string;
  city?: string;
  /** Defaults to a dock of the PO's own, so two POs of a test are never near duplicates unless it means them to be. */
  shipToLine2?: string;
  expectedUnitPrice?: string;
}

export function batchRow(line: BatchLine): string {
  return [
    line.customerId,
    line.customerPo,
    '2027-03-31',
    'ACME University Hospital',
    '"1 Hospital Road, Building 2"',
    line.shipToLine2 ?? `Dock ${line.customerPo}`,
    line.city ?? 'Springfield',
    '12345',
    'US',
    line.gtin,
    line.quantity ?? '2',
    line.expectedUnitPrice ?? '',
  ].join(',');
}

/** A CSV of `orders` POs with `lines` rows each (GTINs of their own unless given), and a way to break a row. */
export function batchCsv(
  customerId: string,
  orders: number,
  lines: number,
  options: { gtins?: string[]; edit?: (line: BatchLine, order: number, lineNo: number) => BatchLine } = {},
): { csv: string; pos: string[] } {
  const gtins = options.gtins ?? Array.from({ length: lines }, () => uniqueGtin());
  const run = uniqueId('PO');
  const pos = Array.from({ length: orders }, (_, order) => `${run}-${order}`);
  const rows = pos.flatMap((customerPo, order) =>
    Array.from({ length: lines }, (_, lineNo) => {
      const line = { customerId, customerPo, gtin: gtins[lineNo % gtins.length]! };
      return batchRow(options.edit ? options.edit(line, order, lineNo) : line);
    }),
  );
  return { csv: `${[BATCH_HEADER, ...rows].join('\r\n')}\r\n`, pos };
}

/** Products that exist (the intake refuses unknown GTINs), each with a GTIN of its own. */
export function givenBatchProducts(count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, () => givenProduct()));
}

export const batchKey = () => `batch-${Date.now()}-${Math.random().toString(36).slice(2)}`;

function batchHeaders(key: string | null, contentType: string) {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (key) headers['idempotency-key'] = key;
  return headers;
}

/** Uploads a small file: processed at once, answered with the report (200 or 207). */
export function uploadBatch(api: ApiClient, body: string, key: string | null = batchKey(), contentType = 'text/csv') {
  return api.json(BatchReport, 'POST', '/v1/channels/batch', { body, headers: batchHeaders(key, contentType) });
}

/** Uploads a large file: accepted (202) for processing in the background. */
export function uploadLargeBatch(api: ApiClient, body: string, key: string | null = batchKey(), contentType = 'text/csv') {
  return api.json(BatchAccepted, 'POST', '/v1/channels/batch', { body, headers: batchHeaders(key, contentType) });
}

/** Posts raw bytes (not necessarily text) as a (small) batch file. */
export async function uploadBytes(base: string, token: string, bytes: Uint8Array): Promise<ApiResponse<BatchReport>> {
  const response = await fetch(`${base}/v1/channels/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'idempotency-key': batchKey() },
    body: bytes,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return parseAnswer(BatchReport, 'POST', '/v1/channels/batch', { status: response.status, body, text, headers: response.headers });
}

/** Polls a batch report until it is DONE, calling `seen` with every report on the way. */
export async function waitForBatch(api: ApiClient, batchId: string, seen: (report: BatchReport) => void = () => {}, timeoutMs = 240_000): Promise<BatchReport> {
  const deadline = Date.now() + timeoutMs;
  let last: BatchReport | undefined;
  while (Date.now() < deadline) {
    const response = await api.json(BatchReport, 'GET', `/v1/channels/batch/${batchId}`);
    if (response.status === 200) {
      const body = response.body;
      last = body;
      seen(body);
      if (body.status === 'DONE') return body;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`batch ${batchId} not done (last: ${JSON.stringify(last?.progress)})`);
}
