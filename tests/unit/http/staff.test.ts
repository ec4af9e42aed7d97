import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../../shared/platform/http/middleware.js';
import { lotIdParam } from '../../../shared/inventory/http/lot-action.js';
import { requireStaff } from '../../../shared/platform/http/staff.js';

const eventWith = (claims?: Record<string, unknown>) =>
  ({ requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] }, principalId: '', integrationLatency: 0 } : undefined } }) as unknown as Parameters<
    typeof requireStaff
  >[0];

const statusOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error.response.statusCode;
    throw error;
  }
  return 200;
};

describe('given a request to a staff route that allows the quality group', () => {
  it('when a quality user calls, then the caller is the user with their groups', () => {
    expect(requireStaff(eventWith({ token_use: 'access', username: 'q1', client_id: 'staff', 'cognito:groups': ['quality'] }), ['quality'])).toEqual({
      principal: 'user:q1',
      groups: ['quality'],
    });
  });

  it('when the groups come flattened as "[a b]", then they are still recognised', () => {
    expect(requireStaff(eventWith({ token_use: 'access', username: 'q1', 'cognito:groups': '[warehouse quality]' }), ['quality']).groups).toEqual([
      'warehouse',
      'quality',
    ]);
  });

  it('when a warehouse user calls, then 403', () => {
    expect(statusOf(() => requireStaff(eventWith({ token_use: 'access', username: 'w1', 'cognito:groups': ['warehouse'] }), ['quality']))).toBe(403);
  });

  it('when a channel (client credentials) token calls, then 403 even if it claimed a group', () => {
    expect(statusOf(() => requireStaff(eventWith({ token_use: 'access', client_id: 'portal', 'cognito:groups': ['quality'] }), ['quality']))).toBe(403);
  });

  it('when there are no verified claims, then 401', () => {
    expect(statusOf(() => requireStaff(eventWith(), ['quality']))).toBe(401);
  });
});

describe('given a lot id in a path', () => {
  it('when it is URL-encoded, then it is decoded', () => {
    expect(lotIdParam({ pathParameters: { lotId: '05012345678900-A%2F1' } })).toBe('05012345678900-A/1');
  });

  it('when it was already decoded and holds a lone %, then it is taken as it is', () => {
    expect(lotIdParam({ pathParameters: { lotId: '05012345678900-50%OFF' } })).toBe('05012345678900-50%OFF');
  });

  it('when it is missing, then it is empty', () => {
    expect(lotIdParam({})).toBe('');
  });
});
