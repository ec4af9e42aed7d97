import type { RouteDeclaration } from './registry.js';

/** The user pool's resource server and its one scope, granted to the channels' client-credentials clients. */
export const API_RESOURCE_SERVER = 'o2c';
export const ORDERS_SCOPE_NAME = 'orders';
/** What a channel's machine token (client credentials) carries. */
export const CHANNEL_SCOPE = `${API_RESOURCE_SERVER}/${ORDERS_SCOPE_NAME}`;
/** What a staff user's access token from a password sign-in (USER_PASSWORD_AUTH, SRP) carries. */
export const STAFF_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * The scopes a token route takes (the authorizer admits a token carrying any
 * one of them): channel routes the channel scope, and the staff scope too when
 * staff may act on them (`groups`, e.g. the order desk on the portal);
 * staff routes the staff scope; channel-or-staff both. ID tokens carry no
 * `scope` claim, so no token route admits them. Open routes take none.
 */
export function routeScopes(declaration: Pick<RouteDeclaration, 'auth' | 'groups'>): readonly string[] | undefined {
  switch (declaration.auth) {
    case 'channel':
      return declaration.groups?.length ? [CHANNEL_SCOPE, STAFF_SCOPE] : [CHANNEL_SCOPE];
    case 'staff':
      return [STAFF_SCOPE];
    case 'channel-or-staff':
      return [CHANNEL_SCOPE, STAFF_SCOPE];
    case 'link':
    case 'public':
      return undefined;
  }
}
