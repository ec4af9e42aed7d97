import { groupMembers } from '../../platform/aws/directory.js';

/** Email addresses of the enabled users holding a role (a user-pool group). */
export async function emailsOfRole(userPoolId: string, role: string, deps: { groupMembers: typeof groupMembers } = { groupMembers }): Promise<string[]> {
  const members = await deps.groupMembers(userPoolId, role);
  return members.flatMap((member) => (member.email && member.enabled ? [member.email] : []));
}
