import { AdminInitiateAuthCommand, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cognitoClient } from '../../../shared/platform/aws/cognito.js';
import { groupMembers, passwordSignIn } from '../../../shared/platform/aws/directory.js';
import { eventBridgeClient } from '../../../shared/platform/aws/eventbridge.js';
import { putEvents } from '../../../shared/platform/aws/events.js';
import { kmsClient } from '../../../shared/platform/aws/kms.js';
import { sendEmail } from '../../../shared/platform/aws/mail.js';
import { putLockedObject, readObject } from '../../../shared/platform/aws/objects.js';
import { s3Client } from '../../../shared/platform/aws/s3.js';
import { sesClient } from '../../../shared/platform/aws/ses.js';
import { sfnClient } from '../../../shared/platform/aws/sfn.js';
import { signDigest, verifyDigest } from '../../../shared/platform/aws/signing.js';
import { resumeTask, startExecution, stopExecution } from '../../../shared/platform/aws/workflow.js';

interface SentCommand {
  input: Record<string, any>;
}

/** Answers every command the client sends with `reply` (a value, or an error to throw) and keeps the commands. */
function whenSent(client: object, reply: (command: SentCommand, call: number) => unknown): SentCommand[] {
  const sent: SentCommand[] = [];
  vi.spyOn(client as { send: (command: SentCommand) => Promise<unknown> }, 'send').mockImplementation(async (command) => {
    sent.push(command);
    const answer = reply(command, sent.length);
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return sent;
}

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

afterEach(() => vi.restoreAllMocks());

describe('given the workflow port', () => {
  it('when a task is resumed, then SendTaskSuccess carries the token and the output as JSON', async () => {
    const sent = whenSent(sfnClient, () => ({}));
    expect(await resumeTask('token-1', { decision: 'APPROVED' })).toBe('RESUMED');
    expect(sent[0]).toBeInstanceOf(SendTaskSuccessCommand);
    expect(sent[0]!.input).toEqual({ taskToken: 'token-1', output: '{"decision":"APPROVED"}' });
  });

  it.each(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'])(
    'when Step Functions answers %s, then the task no longer waits: an outcome, not an error',
    async (name) => {
      whenSent(sfnClient, () => awsError(name));
      expect(await resumeTask('token-1', {})).toBe('NO_LONGER_WAITING');
    },
  );

  it('when Step Functions answers anything else, then the error is thrown for the caller to retry', async () => {
    whenSent(sfnClient, () => awsError('ThrottlingException', 'Rate exceeded'));
    await expect(resumeTask('token-1', {})).rejects.toThrow('Rate exceeded');
  });

  it('when an execution is started, then it is named as asked with the input as JSON', async () => {
    const sent = whenSent(sfnClient, () => ({ executionArn: 'arn:execution' }));
    expect(await startExecution('arn:machine', 'ORD-1', { orderId: 'ORD-1' })).toBe('STARTED');
    expect(sent[0]).toBeInstanceOf(StartExecutionCommand);
    expect(sent[0]!.input).toEqual({ stateMachineArn: 'arn:machine', name: 'ORD-1', input: '{"orderId":"ORD-1"}' });
  });

  it('when the execution name exists already, then it is already started; other errors are thrown', async () => {
    whenSent(sfnClient, () => awsError('ExecutionAlreadyExists'));
    expect(await startExecution('arn:machine', 'ORD-1', {})).toBe('ALREADY_STARTED');
    vi.restoreAllMocks();
    whenSent(sfnClient, () => awsError('StateMachineDoesNotExist'));
    await expect(startExecution('arn:machine', 'ORD-1', {})).rejects.toThrow('StateMachineDoesNotExist');
  });

  it('when an execution is stopped, then error and cause are passed; one that does not exist is not running', async () => {
    const sent = whenSent(sfnClient, (_, call) => (call === 1 ? {} : awsError('ExecutionDoesNotExist')));
    expect(await stopExecution('arn:execution:ORD-1', 'Recalled', 'recall R-1')).toBe('STOPPED');
    expect(sent[0]).toBeInstanceOf(StopExecutionCommand);
    expect(sent[0]!.input).toEqual({ executionArn: 'arn:execution:ORD-1', error: 'Recalled', cause: 'recall R-1' });
    expect(await stopExecution('arn:execution:ORD-2', 'Recalled', 'recall R-1')).toBe('NOT_RUNNING');
  });
});

describe('given the mail port', () => {
  it('when a text email is sent with a configuration set, then SESv2 gets the simple content, the recipients and the set', async () => {
    const sent = whenSent(sesClient, () => ({ MessageId: 'm-1' }));
    expect(await sendEmail({ from: 'a@x.test', to: ['b@y.test'], subject: 'S', text: 'T', configurationSet: 'letters' })).toEqual({
      result: 'SENT',
      messageId: 'm-1',
    });
    expect(sent[0]).toBeInstanceOf(SendEmailCommand);
    expect(sent[0]!.input).toEqual({
      FromEmailAddress: 'a@x.test',
      ConfigurationSetName: 'letters',
      Destination: { ToAddresses: ['b@y.test'] },
      Content: { Simple: { Subject: { Data: 'S' }, Body: { Text: { Data: 'T' } } } },
    });
  });

  it('when no configuration set is given, then none is named; an HTML part goes next to the text', async () => {
    const sent = whenSent(sesClient, () => ({}));
    expect(await sendEmail({ from: 'a@x.test', to: ['b@y.test'], subject: 'S', text: 'T', html: '<p>T</p>' })).toEqual({ result: 'SENT' });
    expect(sent[0]!.input).not.toHaveProperty('ConfigurationSetName');
    expect(sent[0]!.input.Content.Simple.Body).toEqual({ Text: { Data: 'T' }, Html: { Data: '<p>T</p>' } });
  });

  it('when SES rejects the message, then that is a REJECTED outcome with its reason; other errors are thrown', async () => {
    whenSent(sesClient, () => awsError('MessageRejected', 'Email address is not verified.'));
    expect(await sendEmail({ from: 'a@x.test', to: ['b@y.test'], subject: 'S', text: 'T' })).toEqual({
      result: 'REJECTED',
      reason: 'Email address is not verified.',
    });
    vi.restoreAllMocks();
    whenSent(sesClient, () => awsError('TooManyRequestsException', 'slow down'));
    await expect(sendEmail({ from: 'a@x.test', to: ['b@y.test'], subject: 'S', text: 'T' })).rejects.toThrow('slow down');
  });
});

describe('given the signing port', () => {
  const digest = 'ab'.repeat(32);

  it('when a digest is signed, then KMS gets the 32 digest bytes as a DIGEST for ECDSA_SHA_256 and the signature comes back in base64 with the key KMS used', async () => {
    const sent = whenSent(kmsClient, () => ({ KeyId: 'arn:key', Signature: Uint8Array.from([1, 2, 3]) }));
    expect(await signDigest('alias/archive', digest)).toEqual({ keyId: 'arn:key', signingAlgorithm: 'ECDSA_SHA_256', signature: 'AQID' });
    expect(sent[0]).toBeInstanceOf(SignCommand);
    expect(sent[0]!.input).toEqual({ KeyId: 'alias/archive', Message: Buffer.from(digest, 'hex'), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' });
  });

  it('when KMS returns no signature, then signing fails rather than archiving an unsigned document', async () => {
    whenSent(kmsClient, () => ({ KeyId: 'arn:key' }));
    await expect(signDigest('alias/archive', digest)).rejects.toThrow('KMS returned no signature');
  });

  it('when KMS says the signature is invalid, by error or by answer, then it does not verify; a valid one does', async () => {
    const sent = whenSent(kmsClient, (_, call) =>
      call === 1 ? awsError('KMSInvalidSignatureException') : call === 2 ? { SignatureValid: false } : { SignatureValid: true },
    );
    expect(await verifyDigest('arn:key', digest, 'AQID')).toBe(false);
    expect(await verifyDigest('arn:key', digest, 'AQID')).toBe(false);
    expect(await verifyDigest('arn:key', digest, 'AQID')).toBe(true);
    expect(sent[0]).toBeInstanceOf(VerifyCommand);
    expect(sent[0]!.input).toEqual({
      KeyId: 'arn:key',
      Message: Buffer.from(digest, 'hex'),
      MessageType: 'DIGEST',
      Signature: Buffer.from([1, 2, 3]),
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
  });
});

describe('given the objects port', () => {
  it('when an object is written locked, then it is a COMPLIANCE-mode write with the retention date, an SHA-256 checksum and the metadata', async () => {
    const retainUntil = new Date('2036-11-25T00:00:00.000Z');
    const sent = whenSent(s3Client, () => ({ VersionId: 'v1' }));
    expect(await putLockedObject({ bucket: 'archive', key: 'k', body: 'b', contentType: 'application/json', retainUntil, metadata: { sha256: 'ab' } })).toEqual(
      { versionId: 'v1' },
    );
    expect(sent[0]).toBeInstanceOf(PutObjectCommand);
    expect(sent[0]!.input).toEqual({
      Bucket: 'archive',
      Key: 'k',
      Body: 'b',
      ContentType: 'application/json',
      ChecksumAlgorithm: 'SHA256',
      Metadata: { sha256: 'ab' },
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: retainUntil,
    });
  });

  it('when the bucket returns no version id, then the write fails naming the bucket: an unversioned archive is not write-once', async () => {
    whenSent(s3Client, () => ({}));
    await expect(putLockedObject({ bucket: 'archive', key: 'k', body: 'b', contentType: 'text/plain', retainUntil: new Date() })).rejects.toThrow(
      /bucket archive did not return a version id for k/,
    );
  });

  it.each(['NoSuchKey', 'NoSuchVersion', 'NotFound', 'InvalidArgument'])('when S3 answers %s to a read, then the object is not there', async (name) => {
    whenSent(s3Client, () => awsError(name));
    expect(await readObject('archive', 'k', 'v9')).toBeUndefined();
  });

  it('when a version is read, then its bytes, version and metadata come back; access denied is thrown', async () => {
    const sent = whenSent(s3Client, (_, call) =>
      call === 1
        ? { Body: { transformToByteArray: async () => Uint8Array.from([104, 105]) }, VersionId: 'v1', Metadata: { sha256: 'ab' } }
        : awsError('AccessDenied'),
    );
    expect(await readObject('archive', 'k', 'v1')).toEqual({ bytes: Uint8Array.from([104, 105]), versionId: 'v1', metadata: { sha256: 'ab' } });
    expect(sent[0]).toBeInstanceOf(GetObjectCommand);
    expect(sent[0]!.input).toEqual({ Bucket: 'archive', Key: 'k', VersionId: 'v1' });
    await expect(readObject('archive', 'k')).rejects.toThrow('AccessDenied');
  });
});

describe('given the events port', () => {
  it('when twelve events are put, then they go ten a call and each gets its own result in order', async () => {
    const sent = whenSent(eventBridgeClient, (command) => ({
      Entries: command.input.Entries.map((entry: { Detail: string }) =>
        entry.Detail === '{"n":4}' ? { ErrorCode: 'ThrottlingException' } : { EventId: `id-${entry.Detail}` },
      ),
    }));
    const results = await putEvents(Array.from({ length: 12 }, (_, n) => ({ busName: 'bus', source: 'o2c', detailType: 'OrderShipped', detail: { n } })));

    expect(sent.map((command) => command.input.Entries.length)).toEqual([10, 2]);
    expect(sent[0]).toBeInstanceOf(PutEventsCommand);
    expect(sent[0]!.input.Entries[0]).toEqual({ EventBusName: 'bus', Source: 'o2c', DetailType: 'OrderShipped', Detail: '{"n":0}', Resources: [] });
    expect(results).toHaveLength(12);
    expect(results[4]).toEqual({ errorCode: 'ThrottlingException' });
    expect(results[11]).toEqual({ eventId: 'id-{"n":11}' });
  });
});

describe('given the directory port', () => {
  it('when the password signs in, then the ID token comes back; wrong credentials or an unknown user do not sign in, and a challenge is named, not taken for a wrong password', async () => {
    const sent = whenSent(cognitoClient, (_, call) =>
      call === 1
        ? { AuthenticationResult: { IdToken: 'id-token' } }
        : call === 2
          ? awsError('NotAuthorizedException')
          : call === 3
            ? awsError('UserNotFoundException')
            : { ChallengeName: 'NEW_PASSWORD_REQUIRED' },
    );
    expect(await passwordSignIn('pool', 'client', 'mia', 'pw')).toEqual({ result: 'SIGNED_IN', idToken: 'id-token' });
    expect(sent[0]).toBeInstanceOf(AdminInitiateAuthCommand);
    expect(sent[0]!.input).toEqual({
      UserPoolId: 'pool',
      ClientId: 'client',
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'mia', PASSWORD: 'pw' },
    });
    expect(await passwordSignIn('pool', 'client', 'mia', 'wrong')).toEqual({ result: 'NOT_SIGNED_IN' });
    expect(await passwordSignIn('pool', 'client', 'nobody', 'pw')).toEqual({ result: 'NOT_SIGNED_IN' });
    expect(await passwordSignIn('pool', 'client', 'new', 'pw')).toEqual({ result: 'CHALLENGED', challenge: 'NEW_PASSWORD_REQUIRED' });
  });

  it('when a group spans pages, then every member is listed with email and enabled flag', async () => {
    const sent = whenSent(cognitoClient, (_, call) =>
      call === 1
        ? { Users: [{ Username: 'a', Attributes: [{ Name: 'email', Value: 'a@x.test' }], Enabled: true }], NextToken: 'page-2' }
        : { Users: [{ Username: 'b', Enabled: false }] },
    );
    expect(await groupMembers('pool', 'finance')).toEqual([
      { username: 'a', email: 'a@x.test', enabled: true },
      { username: 'b', enabled: false },
    ]);
    expect(sent[1]).toBeInstanceOf(ListUsersInGroupCommand);
    expect(sent[1]!.input).toEqual({ UserPoolId: 'pool', GroupName: 'finance', NextToken: 'page-2' });
  });
});
