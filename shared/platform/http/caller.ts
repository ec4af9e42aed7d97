import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Channel, ChannelClient } from '../channels.js';
import { groupsClaim } from '../claims.js';
import { STAFF_GROUPS } from '../staff-groups.js';

/** Maps app client ids to the channel and partner each one was issued to. */
export { ChannelClients } from '../channels.js';

export interface Caller {
  principal: string;
  channel?: Channel;
  /** The trading partner, marketplace or tenant a channel token was issued to (never set for a user). */
  partnerId?: string;
  groups: string[];
}

/**
 * Who is calling, from the claims the JWT authorizer verified. Only access
 * tokens name a caller (the authorizer's scopes and the house middleware
 * refuse ID tokens already): a machine token (client credentials) identifies
 * its channel and partner by its client id (one app client per partner); a
 * user's access token names the user in `username` (the claim the
 * idempotency key reads too) and carries the user's groups.
 */
export function callerOf(
  event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>,
  channelClients: Record<string, ChannelClient>,
): Caller | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims || claims.token_use !== 'access') return undefined;
  const clientId = String(claims.client_id ?? '');
  const username = claims.username;
  const groups = groupsClaim(claims['cognito:groups']);
  const client = Object.hasOwn(channelClients, clientId) ? channelClients[clientId] : undefined;
  const principal = username ? `user:${String(username)}` : `client:${clientId}`;
  return client && !username ? { principal, channel: client.channel, partnerId: client.partnerId, groups } : { principal, groups };
}

/** Staff who key in orders taken by phone or fax submit them on the portal channel, under their own name. */
export const ORDER_DESK_GROUP = STAFF_GROUPS.orderDesk;

export function submittingChannel(caller: Caller | undefined): Channel | undefined {
  if (!caller) return undefined;
  return caller.channel ?? (caller.groups.includes(ORDER_DESK_GROUP) ? 'portal' : undefined);
}
