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

/**
 * Why a right password did not sign: the account signs in with a second
 * factor, or must set a new password first (an account created with a
 * temporary one, or a reset). Signing from a link takes user name and
 * password only, so neither can sign there.
 */
export type SignInChallenge = 'MULTI_FACTOR' | 'NEW_PASSWORD' | 'OTHER';

export type ApproverCheck =
  | { result: 'VERIFIED'; approver: VerifiedApprover }
  | { result: 'NOT_VERIFIED' }
  | { result: 'CHALLENGED'; challenge: SignInChallenge };

/** Cognito's challenges that ask for a second factor (or for setting one up). */
const MULTI_FACTOR_CHALLENGES: ReadonlySet<string> = new Set(['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP', 'SMS_OTP', 'SELECT_MFA_TYPE', 'MFA_SETUP']);

function challengeOf(name: string): SignInChallenge {
  if (name === 'NEW_PASSWORD_REQUIRED') return 'NEW_PASSWORD';
  return MULTI_FACTOR_CHALLENGES.has(name) ? 'MULTI_FACTOR' : 'OTHER';
}

function claimsOf(jwt: string): Record<string, unknown> {
  const [, payload] = jwt.split('.');
  if (!payload) throw new Error('malformed token from the user directory');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Checks both signature components (user name and password) against the user
 * directory at the moment of signing, as 21 CFR 11.200(a)(1) requires for a
 * non-biometric signature. A challenge is told apart from a wrong password.
 */
export async function verifyApprover(
  directory: ApproverDirectory,
  username: string,
  password: string,
  deps: { passwordSignIn: typeof passwordSignIn } = { passwordSignIn },
): Promise<ApproverCheck> {
  const signIn = await deps.passwordSignIn(directory.userPoolId, directory.clientId, username, password);
  if (signIn.result === 'NOT_SIGNED_IN') return { result: 'NOT_VERIFIED' };
  if (signIn.result === 'CHALLENGED') return { result: 'CHALLENGED', challenge: challengeOf(signIn.challenge) };
  // The token comes straight from the directory over TLS in this call, so its claims are read, not re-verified.
  const claims = claimsOf(signIn.idToken);
  const canonicalUsername = String(claims['cognito:username'] ?? username);
  return {
    result: 'VERIFIED',
    approver: {
      username: canonicalUsername,
      // Users cannot write their own name or email (the app clients' write attributes), so this is the directory's.
      displayName: String(claims.name ?? claims.email ?? canonicalUsername),
      groups: groupsClaim(claims['cognito:groups']),
    },
  };
}
