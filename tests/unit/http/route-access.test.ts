import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { ChannelClient } from '../../../shared/platform/channels.js';
import type { Caller } from '../../../shared/platform/http/caller.js';
import { apiHandler, zodBody } from '../../../shared/platform/http/middleware.js';
import { json } from '../../../shared/platform/http/problems.js';
import { refusalOf, type RouteAccess } from '../../../shared/platform/http/route-access.js';

const portalPartner: Caller = { principal: 'client:portal-app', channel: 'portal', partnerId: 'portal', groups: [] };
const ediPartner: Caller = { principal: 'client:edi-app', channel: 'edi', partnerId: 'hospital-edi', groups: [] };
const unknownClient: Caller = { principal: 'client:stranger', groups: [] };
const orderDesk: Caller = { principal: 'user:olga', groups: ['order-desk'] };
const warehouse: Caller = { principal: 'user:wes', groups: ['warehouse'] };
const noGroup: Caller = { principal: 'user:nina', groups: [] };

const statusOf = (route: RouteAccess, caller: Caller | undefined) => refusalOf(route, caller)?.statusCode ?? 'admitted';

describe('given the routes’ declared access', () => {
  it.each<[string, RouteAccess, Caller | undefined, number | 'admitted']>([
    ['an open link, no token', { auth: 'link' }, undefined, 'admitted'],
    ['a public route, any token', { auth: 'public' }, ediPartner, 'admitted'],
    ['a staff route, no token', { auth: 'staff', groups: ['warehouse'] }, undefined, 401],
    ['a staff route, a channel token', { auth: 'staff', groups: ['warehouse'] }, portalPartner, 403],
    ['a staff route, a user in its group', { auth: 'staff', groups: ['warehouse'] }, warehouse, 'admitted'],
    ['a staff route, a user in another group', { auth: 'staff', groups: ['warehouse'] }, orderDesk, 403],
    ['a staff route open to every staff user, a user in no group', { auth: 'staff' }, noGroup, 'admitted'],
    ['a portal route, the portal partner', { auth: 'channel', channels: ['portal'], groups: ['order-desk'] }, portalPartner, 'admitted'],
    ['a portal route, an EDI partner', { auth: 'channel', channels: ['portal'], groups: ['order-desk'] }, ediPartner, 403],
    ['a portal route, the order desk keying an order', { auth: 'channel', channels: ['portal'], groups: ['order-desk'] }, orderDesk, 'admitted'],
    ['a portal route, a warehouse user', { auth: 'channel', channels: ['portal'], groups: ['order-desk'] }, warehouse, 403],
    ['an EDI route without staff groups, a staff user', { auth: 'channel', channels: ['edi'] }, orderDesk, 403],
    ['a channel route, a client that is no partner', { auth: 'channel' }, unknownClient, 403],
    ['a channel-or-staff route, any partner', { auth: 'channel-or-staff', groups: ['order-desk'] }, ediPartner, 'admitted'],
    ['a channel-or-staff route, a user outside its groups', { auth: 'channel-or-staff', groups: ['order-desk'] }, warehouse, 403],
  ])('when %s calls, then it is answered %s', (_case, route, caller, expected) => {
    expect(statusOf(route, caller)).toBe(expected);
  });

  it('when a refused caller is answered, then the answer says what the route needs', () => {
    expect(JSON.parse(String(refusalOf({ auth: 'channel', channels: ['portal'] }, ediPartner)?.body)).detail).toBe(
      'This route serves the portal channel, not edi.',
    );
    expect(JSON.parse(String(refusalOf({ auth: 'staff', groups: ['quality', 'order-desk'] }, warehouse)?.body)).detail).toBe(
      'This route needs membership of one of the groups: quality, order-desk.',
    );
  });
});

describe('given a house handler that validates its body', () => {
  const clients: Record<string, ChannelClient> = { 'edi-app': { channel: 'edi', partnerId: 'hospital-edi' } };
  const calls: unknown[] = [];
  const handler = apiHandler(
    async (event) => {
      calls.push(event);
      return json(200, { ok: true });
    },
    { auth: 'channel', channels: ['portal'], groups: ['order-desk'] },
    { CHANNEL_CLIENTS: clients },
  ).use(zodBody(z.object({ customerId: z.string() })));
  const event = (claims: Record<string, string>, body: string) =>
    ({
      headers: { 'content-type': 'application/json' },
      body,
      requestContext: { authorizer: { jwt: { claims, scopes: [] } } },
    }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  const context = { functionName: 'test', awsRequestId: 'r-1' } as unknown as Context;

  it('when a caller the route does not admit sends an invalid body, then it is refused 403 before the body is read (not told 400)', async () => {
    const answer = await handler(event({ token_use: 'access', client_id: 'edi-app' }, '{"nonsense": true}'), context);
    expect(answer.statusCode).toBe(403);
    expect(calls).toHaveLength(0);
  });

  it('when an admitted caller sends an invalid body, then it is told 400', async () => {
    const answer = await handler(event({ token_use: 'access', username: 'olga', 'cognito:groups': 'order-desk' }, '{"nonsense": true}'), context);
    expect(answer.statusCode).toBe(400);
  });
});
