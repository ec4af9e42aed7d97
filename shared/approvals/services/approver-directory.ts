import { ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '../../platform/aws/cognito.js';

/** Email addresses of the enabled users holding a role (a user-pool group). */
export async function emailsOfRole(userPoolId: string, role: string): Promise<string[]> {
  const emails: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await cognitoClient.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: role, NextToken: nextToken }));
    for (const user of page.Users ?? []) {
      const email = user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value;
      if (email && user.Enabled !== false) emails.push(email);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return emails;
}
