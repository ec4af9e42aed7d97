import { AdminInitiateAuthCommand, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from './cognito.js';

/**
 * Cognito's answers to a user name and password that do not sign in: a wrong
 * password or a disabled user (NotAuthorizedException), an unknown user
 * (UserNotFoundException, when the pool reveals it). Both mean "these
 * credentials are not a signature", which the caller counts; any other error
 * (throttling, a misconfigured client) is thrown.
 */
const NOT_SIGNED_IN = ['NotAuthorizedException', 'UserNotFoundException'] as const;

/**
 * What a user name and password got from the directory: an ID token; nothing
 * (not a signature: wrong password, unknown or disabled user); or a challenge
 * (the password was right but the pool asks for more before it issues tokens:
 * a second factor, a new password), named as Cognito names it.
 */
export type SignIn = { result: 'SIGNED_IN'; idToken: string } | { result: 'NOT_SIGNED_IN' } | { result: 'CHALLENGED'; challenge: string };

/** Signs a user in with user name and password (ADMIN_USER_PASSWORD_AUTH, from the backend). */
export async function passwordSignIn(userPoolId: string, clientId: string, username: string, password: string): Promise<SignIn> {
  try {
    const result = await cognitoClient.send(
      new AdminInitiateAuthCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    const idToken = result.AuthenticationResult?.IdToken;
    if (idToken) return { result: 'SIGNED_IN', idToken };
    if (result.ChallengeName) return { result: 'CHALLENGED', challenge: result.ChallengeName };
    throw new Error('the user directory answered a sign-in with neither tokens nor a challenge');
  } catch (error) {
    if (error instanceof Error && (NOT_SIGNED_IN as readonly string[]).includes(error.name)) return { result: 'NOT_SIGNED_IN' };
    throw error;
  }
}

export interface GroupMember {
  username: string;
  email?: string;
  enabled: boolean;
}

/** Every user of a user-pool group, all pages. */
export async function groupMembers(userPoolId: string, group: string): Promise<GroupMember[]> {
  const members: GroupMember[] = [];
  let nextToken: string | undefined;
  do {
    const page = await cognitoClient.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, NextToken: nextToken }));
    for (const user of page.Users ?? []) {
      const email = user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value;
      members.push({ username: user.Username ?? '', ...(email ? { email } : {}), enabled: user.Enabled !== false });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return members;
}
