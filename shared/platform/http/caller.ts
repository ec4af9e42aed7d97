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
 * Who is calling, from the claims the JWT authorizer verified. A machine
 * token (client credentials) identifies a channel by its client id; a user
 * token carries the user's groups.
 */
export function callerOf(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>, channelClients: Record<string, Channel>): Caller | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const clientId = String(claims.client_id ?? claims.aud ?? '');
  const username = claims['cognito:username'] ?? claims.username;
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
