import type { LotActionOutcome } from '../services/inventory.js';
import { json, problem } from '../../platform/http/problems.js';
import { decodedPathParameter } from '../../platform/http/path-parameters.js';

/** The HTTP answer to a quality decision on a lot. */
export function lotActionResponse(lotId: string, outcome: LotActionOutcome) {
  switch (outcome.result) {
    case 'CHANGED':
      return json(200, outcome.lot);
    case 'NOT_FOUND':
      return problem(404, 'Not found', `Lot ${lotId} does not exist (a lot id is {gtin}-{lotNumber}).`);
    case 'NOT_PERMITTED':
      return problem(403, 'Forbidden', `Lot ${lotId}: ${outcome.reason}.`);
    case 'REFUSED':
      return problem(409, 'Status change refused', `Lot ${lotId}: ${outcome.reason}.`);
    case 'CONFLICT':
      return problem(409, 'Lot changed', `Lot ${lotId} changed status while this decision was being recorded; nothing was written. Reload and decide again.`);
  }
}

/** The lot id from the path (lot numbers may hold characters that must be URL-encoded). */
export function lotIdParam(event: { pathParameters?: Record<string, string | undefined> }): string {
  return decodedPathParameter(event.pathParameters?.lotId ?? '');
}
