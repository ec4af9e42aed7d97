import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_DECLARATIONS } from '../../shared/api/registry.js';
import { approverRoles, DEFAULT_APPROVAL_POLICY } from '../../shared/approvals/schemas/approval-policy.js';
import { CHANNELS } from '../../shared/platform/channels.js';
import { routeKey } from '../../shared/platform/registry.js';
import { STAFF_GROUPS } from '../../shared/platform/staff-groups.js';
import { givenUser, userToken } from '../support/approvals.js';
import { expectedAnswer, samplePath, type CallerKind, type ExpectedAnswer } from '../support/authorization.js';

const PARALLEL_CALLERS = 3;
import { channelCredentials, channelToken } from '../../infra/local/channel-client.js';
import { deployedStack, idempotencyKey, portalApi, type ApiClient } from '../support/stack.js';

/**
 * Every declared route against every kind of caller, with the answer its
 * declaration promises (tests/support/authorization.ts): no token, a staff
 * user's ID token, each sales channel's client, a staff user in each group
 * alone, and one in none. Admitted requests name nothing that exists and carry
 * an empty body, so they read or write nothing; they must get past
 * authorization with a 2xx or a 4xx other than 401/403, and nobody ever
 * gets a 5xx.
 */
describe('given every declared route and every kind of caller', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  const tokens = new Map<string, string | null>();
  const callers: CallerKind[] = [];

  beforeAll(async () => {
    const groups = [...new Set([...Object.values(STAFF_GROUPS), ...approverRoles(DEFAULT_APPROVAL_POLICY)])].sort();
    api = await portalApi(outputs);
    callers.push({ kind: 'anonymous', label: 'no token' });
    tokens.set('no token', null);
    for (const channel of CHANNELS) {
      const label = `${channel} channel`;
      callers.push({ kind: 'channel', channel, label });
      tokens.set(label, await channelToken(await channelCredentials(outputs, channel)));
    }
    const staff = await Promise.all(
      [...groups.map((group) => [group]), []].map(async (userGroups) => {
        const user = await givenUser(outputs, userGroups);
        return { userGroups, user, token: await userToken(outputs, user.username, user.password) };
      }),
    );
    for (const { userGroups, token } of staff) {
      const label = userGroups.length ? `staff in ${userGroups[0]}` : 'staff in no group';
      callers.push({ kind: 'staff', groups: userGroups, label });
      tokens.set(label, token);
    }
    // The ID token of a user in every group: it must open nothing, whatever groups it names.
    const everything = await givenUser(outputs, groups);
    callers.push({ kind: 'id-token', label: 'ID token (all groups)' });
    tokens.set('ID token (all groups)', await idTokenOf(outputs.StaffClientId, everything.username, everything.password));
  }, 120_000);

  it.each(ROUTE_DECLARATIONS.flatMap((declaration) => declaration.routes.map((route) => ({ declaration, route, key: routeKey(route) }))))(
    'when $key is called by each caller, then each gets what the declaration promises',
    async ({ declaration, route }) => {
      const path = samplePath(route);
      // A few callers at a time: each parallel request is a Lambda worker of its own on the emulator.
      const cells: { caller: string; expected: ExpectedAnswer; status: number; detail: string }[] = [];
      for (let start = 0; start < callers.length; start += PARALLEL_CALLERS) {
        cells.push(
          ...(await Promise.all(
            callers.slice(start, start + PARALLEL_CALLERS).map(async (caller) => {
              const response = await api.request(route.method, path, {
                token: tokens.get(caller.label) ?? null,
                headers: { 'idempotency-key': idempotencyKey() },
                ...(route.method === 'POST' || route.method === 'PUT' ? { body: {} } : {}),
              });
              return { caller: caller.label, expected: expectedAnswer(declaration, caller), status: response.status, detail: response.text.slice(0, 160) };
            }),
          )),
        );
      }
      const wrong = cells.filter(({ expected, status }) => status >= 500 || (expected === 'admitted' ? status === 401 || status === 403 : status !== expected));
      expect(wrong, `${routeKey(route)}: ${cells.map(({ caller, status }) => `${caller}=${status}`).join(', ')}`).toEqual([]);
    },
    60_000,
  );
});

async function idTokenOf(clientId: string, username: string, password: string): Promise<string> {
  const result = await new CognitoIdentityProviderClient({}).send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`no ID token for ${username}`);
  return token;
}
