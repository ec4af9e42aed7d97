import type { StackOutputs } from '../../infra/local/deploy.js';
import { givenUser, userToken } from './approvals.js';

/**
 * A staff user of its own for a test, in the given groups, and an access
 * token obtained the way a staff app does: USER_PASSWORD_AUTH on the staff
 * client (against the emulator's Cognito).
 */
export async function staffToken(outputs: StackOutputs, groups: string[]): Promise<{ username: string; token: string }> {
  const user = await givenUser(outputs, groups);
  return { username: user.username, token: await userToken(outputs, user.username, user.password) };
}
