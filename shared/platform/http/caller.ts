import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Channel } from '../channels.js';
import { groupsClaim } from '../claims.js';
import { STAFF_GROUPS } from '../staff-groups.js';

/** Maps app client ids to the sales channel each one is. */
export { ChannelClients } from '../channels.js';

export interface Caller {
  principal: string;
  channel?: Channel;
  groups: string[];
}

/**
 * Who is calling, from the claims the JWT authorizer verified. Only access
 * tokens name a caller (the authorizer's scopes and the house middleware
 * refuse ID tokens already): a machine token (client credentials) identifies
 * a channel by its client id; a user's access token names the user in
 * `username` (the claim the idempotency key reads too) and carries the
 * user's groups.
 */
export function callerOf(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>, channelClients: Record<string, Channel>): Caller | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims || claims.token_use !== 'access') return undefined;
  const clientId = String(claims.client_id ?? '');
  const username = claims.username;
  const groups = groupsClaim(claims['cognito:groups']);
  const channel = channelClients[clientId];
  const principal = username ? `user:${String(username)}` : `client:${clientId}`;
  return channel && !username ? { principal, channel, groups } : { principal, groups };
}

/** Staff who key in orders taken by phone or fax submit them on the portal channel, under their own name. */
export const ORDER_DESK_GROUP = STAFF_GROUPS.orderDesk;

export function submittingChannel(caller: Caller | undefined): Channel | undefined {
  if (!caller) return undefined;
  return caller.channel ?? (caller.groups.includes(ORDER_DESK_GROUP) ? 'portal' : undefined);
}
