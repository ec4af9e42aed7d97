import { passwordSignIn } from '../../platform/aws/directory.js';
import { groupsClaim } from '../../platform/claims.js';

export interface ApproverDirectory {
  userPoolId: string;
  clientId: string;
}

export interface VerifiedApprover {
  username: string;
  displayName: string;
  groups: string[];
}

function claimsOf(jwt: string): Record<string, unknown> {
  const [, payload] = jwt.split('.');
  if (!payload) throw new Error('malformed token from the user directory');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Checks both signature components (user name and password) against the user
 * directory at the moment of signing, as 21 CFR 11.200(a)(1) requires for a
 * non-biometric signature. Returns undefined when they do not match.
 */
export async function verifyApprover(
  directory: ApproverDirectory,
  username: string,
  password: string,
  deps: { passwordSignIn: typeof passwordSignIn } = { passwordSignIn },
): Promise<VerifiedApprover | undefined> {
  const signIn = await deps.passwordSignIn(directory.userPoolId, directory.clientId, username, password);
  if (signIn.result !== 'SIGNED_IN') return undefined;
  const { idToken } = signIn;
  // The token comes straight from the directory over TLS in this call, so its claims are read, not re-verified.
  const claims = claimsOf(idToken);
  const canonicalUsername = String(claims['cognito:username'] ?? username);
  return {
    username: canonicalUsername,
    displayName: String(claims.name ?? claims.email ?? canonicalUsername),
    groups: groupsClaim(claims['cognito:groups']),
  };
}
