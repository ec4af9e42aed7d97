import type { LotActionOutcome } from '../services/inventory.js';
import { json, problem } from '../../platform/http/problems.js';

/** The HTTP answer to a quality decision on a lot. */
export function lotActionResponse(lotId: string, outcome: LotActionOutcome) {
  switch (outcome.result) {
    case 'CHANGED':
      return json(200, outcome.lot);
    case 'NOT_FOUND':
      return problem(404, 'Not found', `Lot ${lotId} does not exist (a lot id is {gtin}-{lotNumber}).`);
    case 'REFUSED':
      return problem(409, 'Status change refused', `Lot ${lotId}: ${outcome.reason}.`);
    case 'CONFLICT':
      return problem(409, 'Lot changed', `Lot ${lotId} changed status while this decision was being recorded; nothing was written. Reload and decide again.`);
  }
}

/**
 * The lot id from the path. Lot numbers may hold characters that must be
 * URL-encoded; front doors differ in whether they decode path parameters, so
 * a value that does not decode is taken as it is.
 */
export function lotIdParam(event: { pathParameters?: Record<string, string | undefined> }): string {
  const raw = event.pathParameters?.lotId ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
