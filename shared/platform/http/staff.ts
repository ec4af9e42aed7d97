import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { isAllowed } from '../staff-groups.js';
import { callerOf } from './caller.js';
import { HttpProblem } from './middleware.js';
import { problem } from './problems.js';

export interface StaffCaller {
  /** `user:{username}`, as recorded in audit events. */
  principal: string;
  groups: string[];
}

/**
 * The signed-in staff user behind a request, if one of their groups may use
 * the route. Channel (machine) tokens are refused: inventory and quality
 * decisions are made by named people.
 */
export function requireStaff(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>, allowedGroups: readonly string[]): StaffCaller {
  const caller = callerOf(event, {});
  if (!caller) throw new HttpProblem(problem(401, 'Unauthorized', 'A bearer token is required.'));
  if (!caller.principal.startsWith('user:')) {
    throw new HttpProblem(problem(403, 'Forbidden', 'This route needs a staff user token (user name and password sign-in), not a channel token.'));
  }
  if (!isAllowed(caller.groups, allowedGroups)) {
    throw new HttpProblem(problem(403, 'Forbidden', `This route needs membership of one of the groups: ${allowedGroups.join(', ')}.`));
  }
  return { principal: caller.principal, groups: caller.groups };
}
