import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DEMO_USERS } from '../../infra/local/demo-data.js';
import { ApprovalDecisionResult } from '../../shared/approvals/schemas/approval.js';
import type { StackOutputs } from '../../infra/local/deploy.js';
import type { ApiClient } from './stack.js';
import { uniqueId } from './fixtures.js';

export type DemoUser = (typeof DEMO_USERS)[number];
export const user = (username: string): DemoUser => {
  const found = DEMO_USERS.find((candidate) => candidate.username === username);
  if (!found) throw new Error(`no demo user ${username}`);
  return found;
};

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Opens the approval page the way a browser would and returns the order hash it carries. */
export async function openApprovalPage(api: ApiClient, approvalPath: string): Promise<{ status: number; html: string; orderContentHash: string }> {
  const page = await api.request('GET', approvalPath, { token: null });
  const orderContentHash = page.text.match(/name="orderContentHash" value="([0-9a-f]{64})"/)?.[1] ?? '';
  return { status: page.status, html: page.text, orderContentHash };
}

/** Signs on the page: user name, password, meaning, comment, and the hash of the order as shown. */
export async function sign(
  api: ApiClient,
  approvalPath: string,
  signer: { username: string; password: string },
  meaning: string,
  options: { comment?: string; password?: string; orderContentHash?: string } = {},
) {
  // A closed approval's page has no form; a replayed old form still carries some hash.
  const orderContentHash = options.orderContentHash ?? ((await openApprovalPage(api, approvalPath)).orderContentHash || '0'.repeat(64));
  const form = new URLSearchParams({
    meaning,
    username: signer.username,
    password: options.password ?? signer.password,
    orderContentHash,
    ...(options.comment ? { comment: options.comment } : {}),
  });
  return api.json(ApprovalDecisionResult, 'POST', approvalPath, { token: null, body: form.toString(), headers: FORM });
}

/** A user-pool access token for a staff user (order desk, approver's to-do list). */
export async function userToken(outputs: StackOutputs, username: string, password: string): Promise<string> {
  return (await userTokens(outputs, username, password)).access;
}

/** Both tokens a staff sign-in (USER_PASSWORD_AUTH on the staff client) returns: the access token the API takes and the ID token it refuses. */
export async function userTokens(outputs: StackOutputs, username: string, password: string): Promise<{ access: string; id: string }> {
  const result = await new CognitoIdentityProviderClient({}).send(
    new InitiateAuthCommand({
      ClientId: outputs.StaffClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const access = result.AuthenticationResult?.AccessToken;
  const id = result.AuthenticationResult?.IdToken;
  if (!access || !id) throw new Error(`no access or ID token for ${username}`);
  return { access, id };
}

/** A fresh user holding the given groups, for tests that need an unusual combination of roles. */
export async function givenUser(outputs: StackOutputs, groups: string[]): Promise<{ username: string; password: string; name: string }> {
  const cognito = new CognitoIdentityProviderClient({});
  // Cognito user names hold at most 128 characters; a user in every group would pass that.
  const username = uniqueId(`staff-${groups.join('-').slice(0, 60) || 'none'}`).toLowerCase();
  const password = `Test-${Math.random().toString(36).slice(2, 10)}-2026!`;
  const name = `Test User ${username}`;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: outputs.UserPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'name', Value: name },
        { Name: 'email', Value: `${username}@o2c.example.com` },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: outputs.UserPoolId, Username: username, Password: password, Permanent: true }));
  for (const group of groups) {
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: outputs.UserPoolId, Username: username, GroupName: group }));
  }
  return { username, password, name };
}
