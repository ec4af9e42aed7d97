import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../../shared/platform/http/middleware.js';
import { idOf } from '../../../shared/master-data/http/master-data-requests.js';
import { lotIdParam } from '../../../shared/inventory/http/lot-action.js';

const withPath = (pathParameters: Record<string, string>) => ({ pathParameters }) as Parameters<typeof idOf>[0];

/** The HTTP status an id read from the path leads to: 200 when it is read, the problem's status when refused. */
const statusOf = (run: () => unknown) => {
  try {
    run();
    return 200;
  } catch (error) {
    if (error instanceof HttpProblem) return error.response.statusCode;
    throw error;
  }
};

describe('given a path parameter that may or may not be URL-encoded', () => {
  it('when a master record id is encoded, then it is decoded', () => {
    expect(idOf(withPath({ id: 'CUST%2D1' }))).toBe('CUST-1');
  });

  it('when a master record id does not decode (a lone %), then it is taken as sent, not a 500', () => {
    expect(statusOf(() => idOf(withPath({ id: 'CUST-%E0%A4%A' })))).toBe(200);
    expect(idOf(withPath({ id: 'CUST-%E0%A4%A' }))).toBe('CUST-%E0%A4%A');
  });

  it('when a lot id does not decode, then it is taken as sent, like a master record id', () => {
    expect(lotIdParam(withPath({ lotId: '05012345678900-SY%' }))).toBe('05012345678900-SY%');
    expect(lotIdParam(withPath({ lotId: '05012345678900-SY%2F1' }))).toBe('05012345678900-SY/1');
  });
});
