import { beforeAll, describe, expect, it } from 'vitest';
import { givenUser, userTokens } from '../support/approvals.js';
import { deployedStack, portalApi, type ApiClient } from '../support/stack.js';

/**
 * The authorizer takes access tokens of the route's kind only (scopes per
 * route kind, shared/platform/token-scopes.ts): an ID token carries no scope.
 */
describe('given a warehouse user signed in on the staff client, holding an access token and an ID token', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let tokens: { access: string; id: string };

  beforeAll(async () => {
    api = await portalApi(outputs);
    const user = await givenUser(outputs, ['warehouse']);
    tokens = await userTokens(outputs, user.username, user.password);
  });

  it('when the ID token calls a staff route, then the authorizer refuses it (403: a valid token without the route’s scope) and the function is never reached', async () => {
    const answer = await api.request('GET', '/v1/warehouse/picks', { token: tokens.id });
    expect(answer.status, answer.text).toBe(403);
    expect(JSON.parse(answer.text)).toEqual({ message: 'Forbidden' });
  });

  it('when the access token calls the same route, then it is answered', async () => {
    const answer = await api.request('GET', '/v1/warehouse/picks', { token: tokens.access });
    expect(answer.status, answer.text).toBe(200);
  });

  it('when the ID token calls a channel-or-staff route (an order), then it is refused as well', async () => {
    const answer = await api.request('GET', '/v1/orders/ORD-01J00000000000000000000000', { token: tokens.id });
    expect(answer.status, answer.text).toBe(403);
  });

  it('when the staff access token calls a channel-only route (an EDI 855), then the authorizer refuses it: the route takes the channel scope only', async () => {
    const answer = await api.request('GET', '/v1/channels/edi/x12/acks/000000001', { token: tokens.access });
    expect(answer.status, answer.text).toBe(403);
  });
});
