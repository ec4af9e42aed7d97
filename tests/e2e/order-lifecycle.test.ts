import { createPublicKey, verify } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrderAccepted, OrderView } from '../../shared/orders/schemas/order.js';
import { sha256Hex } from '../../shared/platform/domain/canonical-json.js';
import { deployedStack, givenCustomer, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';

describe('given the stack deployed on the emulator and a customer within its credit limit', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let archived: OrderView;

  beforeAll(async () => {
    api = await portalApi(outputs);
    const customerId = await givenCustomer();
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', { body: newOrder({ customerId }), headers: { 'idempotency-key': idempotencyKey() } });
    expect(placed.status).toBe(202);
    archived = await waitForShippedOrder(api, placed.body.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
  });

  it('when a small order is placed, then it runs through every stage to ARCHIVED without approval', async () => {
    expect(archived.status).toBe('ARCHIVED');
    expect(archived.timeline.map((event) => event.status)).toEqual([
      // READY_TO_PICK twice: handed to the warehouse, then the packer's confirmed scan.
      'RECEIVED',
      'VALIDATED',
      'PRICED',
      'CREDIT_CHECKED',
      'ALLOCATED',
      'READY_TO_PICK',
      'READY_TO_PICK',
      'SHIPPED',
      'INVOICED',
      'ARCHIVED',
    ]);
    expect(archived.total).toBe('25.80');
    expect(archived.invoice).toMatchObject({ total: '25.80', currency: 'EUR' });
    expect(archived.lines[0]!.allocations).toEqual([{ lotNumber: 'GL2609', expiry: '2028-06-30', quantity: 2 }]);

    const history = await new SFNClient({}).send(
      new GetExecutionHistoryCommand({
        executionArn: `${outputs.StateMachineArn.replace(':stateMachine:', ':execution:')}:${archived.orderId}`,
        maxResults: 1000,
      }),
    );
    const transitions = (history.events ?? []).filter((event) => event.type?.endsWith('StateEntered')).length;
    console.log(`happy path: ${transitions} state transitions for order ${archived.orderId}`);
    expect(transitions).toBeGreaterThanOrEqual(10);
  });

  it('when the archived document is read back, then its hash matches and its signature verifies with the KMS public key', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    const archive = archived.archive!;
    const document = await s3.send(new GetObjectCommand({ Bucket: archive.bucket, Key: archive.key, VersionId: archive.versionId }));
    const body = await document.Body!.transformToString();
    expect(sha256Hex(body)).toBe(archive.sha256);
    expect(JSON.parse(body).order.orderId).toBe(archived.orderId);

    const signatureObject = await s3.send(new GetObjectCommand({ Bucket: archive.bucket, Key: archive.signatureKey }));
    const signature = JSON.parse(await signatureObject.Body!.transformToString());
    expect(signature.document).toEqual({ key: archive.key, versionId: archive.versionId, sha256: archive.sha256 });
    const { PublicKey } = await new KMSClient({}).send(new GetPublicKeyCommand({ KeyId: outputs.SigningKeyArn }));
    const publicKey = createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' });
    expect(verify('sha256', Buffer.from(body), publicKey, Buffer.from(signature.signature, 'base64'))).toBe(true);
    expect(verify('sha256', Buffer.from(`${body} `), publicKey, Buffer.from(signature.signature, 'base64'))).toBe(false);
  });

  it('when someone deletes the archived version, then Object Lock refuses it', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    const archive = archived.archive!;
    await expect(s3.send(new DeleteObjectCommand({ Bucket: archive.bucket, Key: archive.key, VersionId: archive.versionId }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    const stillThere = await s3.send(new GetObjectCommand({ Bucket: archive.bucket, Key: archive.key, VersionId: archive.versionId }));
    expect(sha256Hex(await stillThere.Body!.transformToString())).toBe(archive.sha256);
  });
});
