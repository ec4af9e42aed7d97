import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteDeclaration } from '../registry.js';
import { isAllowed } from '../staff-groups.js';
import type { Caller } from './caller.js';
import { problem } from './problems.js';

/** What a route's declaration says about who may call it. */
export type RouteAccess = Pick<RouteDeclaration, 'auth' | 'groups' | 'channels'>;

/**
 * The answer that refuses a caller a route, read from the route's
 * declaration, or undefined when the caller may use it. The house API chain
 * asks this before anything reads the request (its body, its path
 * parameters), so a refused caller learns nothing about the request's
 * validity or the data behind it: 401 without a token, 403 for a token of
 * the wrong kind, channel or groups. Open routes (links, public) take anyone.
 */
export function refusalOf(route: RouteAccess, caller: Caller | undefined): APIGatewayProxyStructuredResultV2 | undefined {
  if (route.auth === 'link' || route.auth === 'public') return undefined;
  if (!caller) return problem(401, 'Unauthorized', 'A bearer token is required.');
  const isUser = caller.principal.startsWith('user:');
  if (!isUser) {
    if (route.auth === 'staff') return forbidden('This route needs a staff user token (user name and password sign-in), not a channel token.');
    if (!caller.channel) return forbidden('The token’s app client is not a partner of this API.');
    if (route.channels && !route.channels.includes(caller.channel)) {
      return forbidden(`This route serves the ${route.channels.join(' and ')} channel, not ${caller.channel}.`);
    }
    return undefined;
  }
  if (route.groups === undefined) return route.auth === 'staff' ? undefined : forbidden('This route takes a partner’s channel token, not a staff user token.');
  if (!isAllowed(caller.groups, route.groups)) return forbidden(`This route needs membership of one of the groups: ${route.groups.join(', ')}.`);
  return undefined;
}

const forbidden = (detail: string) => problem(403, 'Forbidden', detail);
