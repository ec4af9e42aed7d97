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

let orderDesk: Promise<string> | undefined;

/** One order-desk user per test file, signed in once: staff who read any order in full (the staff view, OrderView). */
export function orderDeskToken(outputs: StackOutputs): Promise<string> {
  orderDesk ??= staffToken(outputs, ['order-desk']).then((user) => user.token);
  return orderDesk;
}
