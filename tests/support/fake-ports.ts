import type { ExecutionStatus } from '../../shared/platform/domain/executions.js';
import type { SignIn } from '../../shared/platform/aws/directory.js';
import type { Email, MailOutcome } from '../../shared/platform/aws/mail.js';
import type { LockedObject } from '../../shared/platform/aws/objects.js';
import type { DigestSignature } from '../../shared/platform/aws/signing.js';
import type { ExecutionStart, TaskResumption } from '../../shared/platform/aws/workflow.js';

/**
 * In-memory stand-ins for the ports in shared/platform/aws, for unit tests of
 * the services. Each behaves like the AWS service as far as the port's
 * contract goes (a token resumes its task once; an execution name starts
 * once; a rejected address is an outcome) and records what it was asked.
 */

/** Step Functions as far as task tokens and execution names go. */
export function fakeWorkflow(waitingTokens: readonly string[] = []) {
  const waiting = new Set(waitingTokens);
  const started = new Map<string, { stateMachineArn: string; input: Record<string, unknown> }>();
  const resumed: { taskToken: string; output: Record<string, unknown> }[] = [];
  let failure: Error | undefined;
  return {
    resumed,
    started,
    /** Every later call fails with this error, as a throttled or refused call does; undefined makes it answer again. */
    failWith(error: Error | undefined) {
      failure = error;
    },
    /** Answers again after failWith, as a throttle passes. */
    recover() {
      failure = undefined;
    },
    async resumeTask(taskToken: string, output: Record<string, unknown>): Promise<TaskResumption> {
      if (failure) throw failure;
      if (!waiting.delete(taskToken)) return 'NO_LONGER_WAITING';
      resumed.push({ taskToken, output });
      return 'RESUMED';
    },
    async startExecution(stateMachineArn: string, name: string, input: Record<string, unknown>): Promise<ExecutionStart> {
      if (failure) throw failure;
      if (started.has(name)) return 'ALREADY_STARTED';
      started.set(name, { stateMachineArn, input });
      return 'STARTED';
    },
  };
}

/** SES as far as sending goes: an outbox, and addresses it refuses for good. */
export function fakeMail(refusedAddresses: readonly string[] = []) {
  const outbox: (Email & { messageId: string })[] = [];
  let failure: Error | undefined;
  return {
    outbox,
    failWith(error: Error) {
      failure = error;
    },
    /** Answers again after failWith, as a throttle passes. */
    recover() {
      failure = undefined;
    },
    async sendEmail(email: Email): Promise<MailOutcome> {
      if (failure) throw failure;
      const refused = email.to.find((address) => refusedAddresses.includes(address));
      if (refused) return { result: 'REJECTED', reason: `Address blacklisted: ${refused}` };
      const messageId = `msg-${outbox.length + 1}`;
      outbox.push({ ...email, messageId });
      return { result: 'SENT', messageId };
    },
  };
}

/** A Cognito ID token carrying these claims (unsigned: the service reads claims it got straight from the directory). */
export const idTokenWith = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims), 'signature'].map((part, index) => (index === 2 ? part : Buffer.from(part).toString('base64url'))).join('.');

/**
 * A user pool: the right password signs in and answers an ID token with the
 * user's name and groups; a user with a `challenge` (MFA, a password to
 * change) answers that challenge to the right password instead of tokens.
 */
export function fakeDirectory(users: Record<string, { password: string; name: string; groups: string[]; challenge?: string }>) {
  const signIns: string[] = [];
  return {
    signIns,
    async passwordSignIn(_userPoolId: string, _clientId: string, username: string, password: string): Promise<SignIn> {
      signIns.push(username);
      const user = users[username];
      if (!user || user.password !== password) return { result: 'NOT_SIGNED_IN' };
      if (user.challenge) return { result: 'CHALLENGED', challenge: user.challenge };
      return { result: 'SIGNED_IN', idToken: idTokenWith({ 'cognito:username': username, name: user.name, 'cognito:groups': user.groups }) };
    },
  };
}

/** KMS signing with a fixed signature per digest, so a test can tell which digest was signed. */
export function fakeSigner(keyArn = 'arn:aws:kms:eu-central-1:000000000000:key/archive') {
  const signed: { keyId: string; sha256Hex: string }[] = [];
  let failure: Error | undefined;
  return {
    signed,
    failWith(error: Error) {
      failure = error;
    },
    /** Answers again after failWith, as a throttle passes. */
    recover() {
      failure = undefined;
    },
    signatureOf: (sha256Hex: string) => Buffer.from(`signed:${sha256Hex}`).toString('base64'),
    async signDigest(keyId: string, sha256Hex: string): Promise<DigestSignature> {
      if (failure) throw failure;
      signed.push({ keyId, sha256Hex });
      return { keyId: keyArn, signingAlgorithm: 'ECDSA_SHA_256', signature: Buffer.from(`signed:${sha256Hex}`).toString('base64') };
    },
  };
}

/** A versioned, object-locked bucket: every write is a new version. */
export function fakeLockedBucket() {
  const versions: (LockedObject & { versionId: string })[] = [];
  return {
    versions,
    async putLockedObject(object: LockedObject): Promise<{ versionId: string }> {
      const versionId = `v${versions.length + 1}`;
      versions.push({ ...object, versionId });
      return { versionId };
    },
  };
}

/** Step Functions as far as describing executions goes: each execution's status by ARN; any other is NOT_FOUND. */
export function fakeExecutions(statuses: Record<string, ExecutionStatus> = {}) {
  const described: string[] = [];
  return {
    described,
    statuses,
    async describeExecution(executionArn: string): Promise<ExecutionStatus> {
      described.push(executionArn);
      return statuses[executionArn] ?? 'NOT_FOUND';
    },
  };
}
