import type { ApiEvent, ApiResult } from '../../platform/http/middleware.js';
import { HttpProblem } from '../../platform/http/middleware.js';
import { json, problem } from '../../platform/http/problems.js';
import type { EdiInterchangeResult } from '../schemas/edi.js';

export const X12_CONTENT_TYPE = 'application/edi-x12';
/** An 850 interchange is a few kilobytes; a limit far above any real one keeps a runaway sender from tying up the function. */
export const MAX_INTERCHANGE_BYTES = 2 * 1024 * 1024;

/** The raw interchange text; a body too large or not text is refused before anything is read. */
export function interchangeText(event: ApiEvent): string {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_INTERCHANGE_BYTES) {
    throw new HttpProblem(
      problem(
        413,
        'Payload too large',
        `The interchange has ${bytes.length} bytes; at most ${MAX_INTERCHANGE_BYTES} are taken in one request. Split it into several interchanges.`,
      ),
    );
  }
  if (bytes.length === 0) throw new HttpProblem(problem(400, 'Invalid request', 'The request body is empty; send an X12 interchange (ISA ... IEA).'));
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) throw new HttpProblem(problem(400, 'Invalid request', 'The body is not text: an X12 interchange is plain ASCII.'));
  return text;
}

export function wantsJson(event: Pick<ApiEvent, 'headers'>): boolean {
  const accept = String(event.headers?.accept ?? '').toLowerCase();
  return accept.includes('application/json') || accept.includes('application/problem+json');
}

export function x12(statusCode: number, body: string): ApiResult {
  return { statusCode, headers: { 'content-type': X12_CONTENT_TYPE, 'cache-control': 'no-store' }, body };
}

function withExtras(response: ApiResult, extras: Record<string, unknown>): ApiResult {
  const body: unknown = JSON.parse(String(response.body));
  return { ...response, body: JSON.stringify({ ...(body as object), ...extras }) };
}

/**
 * The answer to an interchange: 200 with the 997 (or the JSON summary) when
 * any order was created; 409 like the portal's when its only 850 is a
 * duplicate; 422 when every transaction set was rejected.
 */
export function interchangeResponse(result: EdiInterchangeResult, json_: boolean): ApiResult {
  const sets = result.transactionSets;
  const only = sets.length === 1 ? sets[0] : undefined;
  if (only?.result === 'DUPLICATE' && only.orderId) {
    return withExtras(
      problem(409, 'Duplicate order', `Customer PO ${only.customerPo ?? ''} was already ordered as ${only.orderId}.`, {
        orderId: only.orderId,
        links: only.links,
      }),
      { functionalAck: result.functionalAck.x12, transactionSets: sets },
    );
  }
  if (result.status === 'REJECTED') {
    if (!json_) return x12(422, result.functionalAck.x12);
    const detail = sets.map((set) => `${set.transactionSet} ${set.controlNumber}: ${set.errors.map((e) => e.message).join('; ') || set.result}`).join(' | ');
    return withExtras(problem(422, 'Interchange rejected', `No purchase order could be taken; nothing was written. ${detail}`), {
      functionalAck: result.functionalAck.x12,
      transactionSets: sets,
    });
  }
  return json_ ? json(200, result) : x12(200, result.functionalAck.x12);
}
