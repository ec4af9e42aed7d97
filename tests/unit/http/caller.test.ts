import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { callerOf, ChannelClients } from '../../../shared/platform/http/caller.js';
import { groupsClaim } from '../../../shared/platform/claims.js';

describe('given the groups claim of a token', () => {
  it('when it is an array, then the groups are taken as they are', () => {
    expect(groupsClaim(['approvers', 'order-desk'])).toEqual(['approvers', 'order-desk']);
  });

  it('when it is the flattened "[a b]" string form, then it is split into the groups', () => {
    expect(groupsClaim('[approvers order-desk]')).toEqual(['approvers', 'order-desk']);
  });

  it('when it is a flattened string with commas or extra spaces, then the groups are still found', () => {
    expect(groupsClaim('[approvers,  order-desk]')).toEqual(['approvers', 'order-desk']);
    expect(groupsClaim('approvers order-desk')).toEqual(['approvers', 'order-desk']);
  });

  it('when it is a single group without brackets, then that group is found', () => {
    expect(groupsClaim('approvers')).toEqual(['approvers']);
  });

  it.each([[''], ['[]'], [undefined], [null], [42], [{ groups: ['approvers'] }]])('when it is %j, then there are no groups', (value) => {
    expect(groupsClaim(value)).toEqual([]);
  });

  it('when the array holds non-strings, then they are turned into strings', () => {
    expect(groupsClaim([1, 'approvers'])).toEqual(['1', 'approvers']);
  });
});

describe('given the CHANNEL_CLIENTS setting', () => {
  it('when it is a JSON map of client id to channel and partner, then it is read', () => {
    expect(ChannelClients.parse('{"abc123":{"channel":"portal","partnerId":"portal"},"def456":{"channel":"edi","partnerId":"hospital-edi"}}')).toEqual({
      abc123: { channel: 'portal', partnerId: 'portal' },
      def456: { channel: 'edi', partnerId: 'hospital-edi' },
    });
  });

  it('when a client names only its channel (the setting before partners), then it is rejected', () => {
    expect(ChannelClients.safeParse('{"abc123":"portal"}').success).toBe(false);
  });

  it('when it is not JSON, then it is rejected as such', () => {
    const result = ChannelClients.safeParse('abc123=portal');
    expect(result.error?.issues[0]?.message).toBe('must be JSON');
  });

  it('when it names an unknown channel, then it is rejected', () => {
    expect(ChannelClients.safeParse('{"abc123":{"channel":"fax","partnerId":"p"}}').success).toBe(false);
  });
});

const event = (claims?: Record<string, string | number | boolean | string[]>) =>
  ({
    requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] }, principalId: '', integrationLatency: 0 } : undefined },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

describe('given a verified JWT on an API request', () => {
  const clients = { 'portal-client': { channel: 'portal', partnerId: 'portal-tenant' }, 'edi-b': { channel: 'edi', partnerId: 'clinic-edi' } } as const;

  it('when a channel’s machine token calls, then the caller is that client, its channel and its partner', () => {
    expect(callerOf(event({ token_use: 'access', client_id: 'portal-client', scope: 'o2c/orders' }), clients)).toEqual({
      principal: 'client:portal-client',
      channel: 'portal',
      partnerId: 'portal-tenant',
      groups: [],
    });
  });

  it('when two partners of one channel call, then each is its own partner', () => {
    expect(callerOf(event({ token_use: 'access', client_id: 'edi-b' }), clients)).toMatchObject({ channel: 'edi', partnerId: 'clinic-edi' });
  });

  it('when a client id is an object property name, then it is no partner', () => {
    expect(callerOf(event({ token_use: 'access', client_id: 'constructor' }), clients)).toEqual({ principal: 'client:constructor', groups: [] });
  });

  it('when an unknown app client calls, then it has no channel', () => {
    expect(callerOf(event({ token_use: 'access', client_id: 'other-client' }), clients)).toEqual({ principal: 'client:other-client', groups: [] });
  });

  it('when a staff user’s access token calls through the portal client, then the caller is the user, never the channel', () => {
    expect(
      callerOf(event({ token_use: 'access', client_id: 'portal-client', username: 'alice', 'cognito:groups': '[order-desk approvers]' }), clients),
    ).toEqual({
      principal: 'user:alice',
      groups: ['order-desk', 'approvers'],
    });
  });

  it('when an ID token is presented (token_use "id", the user in cognito:username), then there is no caller: ID tokens would all share one principal', () => {
    expect(callerOf(event({ token_use: 'id', aud: 'portal-client', 'cognito:username': 'alice', 'cognito:groups': ['order-desk'] }), clients)).toBeUndefined();
  });

  it('when two users’ access tokens call, then each is its own principal (its own idempotency namespace)', () => {
    const alice = callerOf(event({ token_use: 'access', client_id: 'staff-client', username: 'alice' }), clients);
    const bob = callerOf(event({ token_use: 'access', client_id: 'staff-client', username: 'bob' }), clients);
    expect([alice?.principal, bob?.principal]).toEqual(['user:alice', 'user:bob']);
  });

  it('when a user token has groups as an array, then they are read', () => {
    expect(callerOf(event({ token_use: 'access', username: 'bob', 'cognito:groups': ['approvers'] }), clients)?.groups).toEqual(['approvers']);
  });

  it('when there is no authorizer context, then there is no caller', () => {
    expect(callerOf(event(), clients)).toBeUndefined();
  });
});
