import type { LotTrace } from '../schemas/trace.js';

/** Shipments per page when the caller names no limit, and the most it may ask for. */
export const TRACE_PAGE_DEFAULT = 500;
export const TRACE_PAGE_MAX = 1_000;
/** The most one page may weigh as JSON: Lambda returns at most 6 MB to API Gateway, headers included. */
export const TRACE_PAGE_BYTES = 4_500_000;

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The opaque token: the lot and the position of the next shipment (shipments are in shipping order, which only grows at the end). */
const tokenOf = (trace: LotTrace, next: number) => Buffer.from(JSON.stringify({ l: `${trace.gtin}/${trace.lotNumber}`, n: next })).toString('base64url');

function positionOf(trace: LotTrace, token: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { l?: unknown; n?: unknown };
    const valid = parsed.l === `${trace.gtin}/${trace.lotNumber}` && Number.isInteger(parsed.n) && (parsed.n as number) >= 0;
    return valid ? (parsed.n as number) : undefined;
  } catch {
    return undefined;
  }
}

export type TracePage = { ok: true; trace: LotTrace } | { ok: false; problem: string };

/**
 * One page of a lot trace: the summary (consignees, suppliers, stock, open
 * orders) whole, and the shipments from the token's position, at most
 * `limit` and no more than fits TRACE_PAGE_BYTES; `nextToken` when more follow.
 */
export function pageOfShipments(trace: LotTrace, request: { limit?: number; nextToken?: string }): TracePage {
  const start = request.nextToken === undefined ? 0 : positionOf(trace, request.nextToken);
  if (start === undefined) return { ok: false, problem: 'nextToken is not a token this API gave for this lot' };
  const limit = Math.min(request.limit ?? TRACE_PAGE_DEFAULT, TRACE_PAGE_MAX);
  const { shipments, ...summary } = trace;
  let used = sizeOf({ ...summary, shipments: [], nextToken: tokenOf(trace, shipments.length) });
  const page: LotTrace['shipments'] = [];
  for (const shipment of shipments.slice(start, start + limit)) {
    const next = sizeOf(shipment) + (page.length > 0 ? 1 : 0);
    if (page.length > 0 && used + next > TRACE_PAGE_BYTES) break;
    used += next;
    page.push(shipment);
  }
  const next = start + page.length;
  return { ok: true, trace: { ...summary, shipments: page, ...(next < shipments.length ? { nextToken: tokenOf(trace, next) } : {}) } };
}
