import { CHANNELS, type Channel } from '../../shared/platform/channels.js';
import { isAllowed } from '../../shared/platform/staff-groups.js';
import type { Route, RouteDeclaration } from '../../shared/platform/registry.js';

/** Who is calling, as the authorization matrix varies it. */
export type CallerKind =
  | { kind: 'anonymous'; label: 'no token' }
  /** A staff user's ID token (not an access token): it names the user but grants no API scope. */
  | { kind: 'id-token'; label: string }
  | { kind: 'channel'; channel: Channel; label: string }
  | { kind: 'staff'; groups: readonly string[]; label: string };

/** 401: not signed in; 403: signed in, not allowed (an ID token included: it carries no API scope); admitted: past authorization. */
export type ExpectedAnswer = 401 | 403 | 'admitted';

const channelsOf = (declaration: RouteDeclaration): readonly Channel[] => declaration.channels ?? CHANNELS;

/**
 * The answer a route's declaration promises a caller: the one table the
 * matrix checks every route against, read from the registry, so a new route is
 * covered without a line of its own. Open routes (link, public) take no token
 * and ignore one; every other route wants a token (401 without one), an
 * access token with the route kind's scope, then the channel or staff group
 * its declaration names (403 otherwise).
 */
export function expectedAnswer(declaration: RouteDeclaration, caller: CallerKind): ExpectedAnswer {
  if (declaration.auth === 'link' || declaration.auth === 'public') return 'admitted';
  if (caller.kind === 'anonymous') return 401;
  // The authorizer verifies an ID token (issuer, audience) but it carries none of the scopes a route asks for.
  if (caller.kind === 'id-token') return 403;
  const staffAdmitted = (groups: readonly string[]) =>
    declaration.groups === undefined ? declaration.auth !== 'channel' : isAllowed(groups, declaration.groups);
  switch (declaration.auth) {
    case 'channel':
    case 'channel-or-staff':
      if (caller.kind === 'channel') return channelsOf(declaration).includes(caller.channel) ? 'admitted' : 403;
      return staffAdmitted(caller.groups) ? 'admitted' : 403;
    case 'staff':
      return caller.kind === 'staff' && staffAdmitted(caller.groups) ? 'admitted' : 403;
  }
}

/** Values for path parameters that are well formed but name nothing, so an admitted request reads or writes nothing. */
const SAMPLE_PATH_VALUES: Record<string, string> = {
  orderId: 'ORD-01JZZZZZZZZZZZZZZZZZZZZZZZ',
  approvalId: 'A'.repeat(27),
  ackId: 'B'.repeat(27),
  recallId: 'RCL-01JZZZZZZZZZZZZZZZZZZZZZZZ',
  kind: 'customers',
  id: 'CUST-NOBODY',
  lotId: '00000000000000-NOLOT',
  gtin: '00000000000000',
  lot: 'NOLOT',
  serial: 'NOSERIAL',
  controlNumber: '999999999',
  batchId: 'BATCH-NOBODY',
  invoiceNumber: 'INV-NOBODY',
  file: 'nothing.js',
};

/** The route's path with every parameter filled by a sample value that names nothing. */
export function samplePath(route: Pick<Route, 'path'>): string {
  return route.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = SAMPLE_PATH_VALUES[name];
    if (value === undefined) throw new Error(`no sample value for path parameter {${name}} of ${route.path}: add one to SAMPLE_PATH_VALUES`);
    return encodeURIComponent(value);
  });
}
