import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, PutObjectRetentionCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ComplianceDocuments, LegalHoldView, VerifyResult } from '../../shared/compliance/schemas/compliance.js';
import { OrderAccepted, OrderView } from '../../shared/orders/schemas/order.js';
import {
  approvalLinkFor,
  deployedStack,
  givenCustomer,
  givenProduct,
  idempotencyKey,
  newOrder,
  portalApi,
  waitForOrder,
  type ApiClient,
} from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';
import { openApprovalPage, sign, user } from '../support/approvals.js';
import { staffToken } from '../support/staff.js';
import { uniqueId } from '../support/fixtures.js';
import { ocrPdf, ocrShows } from '../support/pdf.js';

const finance = user('finance1');

const s3 = new S3Client({ forcePathStyle: true });

describe('given an order archived after a finance approval', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let compliance: string;
  let order: OrderView;
  const asCompliance = <S extends z.ZodType>(schema: S, method: string, route: string, body?: unknown) =>
    api.json(schema, method, route, { token: compliance, body });
  const objectBytes = async (key: string, versionId: string) =>
    (await s3.send(new GetObjectCommand({ Bucket: order.archive!.bucket, Key: key, VersionId: versionId }))).Body!.transformToByteArray();

  beforeAll(async () => {
    api = await portalApi(outputs);
    const [customerId, gloves, staff] = await Promise.all([
      givenCustomer({ creditLimit: '1000000.00' }),
      givenProduct({ unitPrice: '12.90', deviceClass: 'I', quantity: 10_000 }),
      staffToken(outputs, ['compliance']),
    ]);
    compliance = staff.token;
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin: gloves, quantity: 800 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(202);
    await waitForOrder(api, placed.body.orderId, ['AWAITING_APPROVAL']);
    const { approvalPath } = await approvalLinkFor(placed.body.orderId, finance.email);
    const page = await openApprovalPage(api, approvalPath);
    expect((await sign(api, approvalPath, finance, 'APPROVED', { comment: 'archive test', orderContentHash: page.orderContentHash })).status).toBe(200);
    order = await waitForShippedOrder(api, placed.body.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(order.status).toBe('ARCHIVED');
  });

  it('when compliance lists its documents, then the JSON and the PDF are there with version ids, hashes, COMPLIANCE retention of the product (15 years) and no hold', async () => {
    const response = await asCompliance(ComplianceDocuments, 'GET', `/v1/compliance/documents/${order.orderId}`);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.documents).toEqual([
      expect.objectContaining({ kind: 'json', key: order.archive!.key, versionId: order.archive!.versionId, sha256: order.archive!.sha256 }),
      expect.objectContaining({ kind: 'pdf', key: order.archive!.pdf!.key, versionId: order.archive!.pdf!.versionId, sha256: order.archive!.pdf!.sha256 }),
    ]);
    const keys = body.objects.map((o) => o.key).sort();
    expect(keys).toEqual([order.archive!.key, order.archive!.signatureKey, order.archive!.pdf!.key, order.archive!.pdf!.signatureKey].sort());
    const years = new Date().getUTCFullYear() + 15;
    expect(body.retainUntil!.startsWith(String(years))).toBe(true);
    for (const object of body.objects) {
      expect(object).toMatchObject({ retentionMode: 'COMPLIANCE', legalHold: 'OFF', archivedRecord: true });
      expect(object.retainUntil!.slice(0, 10)).toBe(body.retainUntil);
    }
  });

  it.each(['json', 'pdf'])(
    'when compliance verifies the %s document, then signature, object hash, order record and the order’s audit chain all check out',
    async (document) => {
      const response = await asCompliance(VerifyResult, 'POST', '/v1/compliance/verify', { orderId: order.orderId, document });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        valid: true,
        document,
        checks: {
          signature: { ok: true },
          objectHash: { ok: true },
          orderRecord: { ok: true },
          chain: { status: 'intact', detail: expect.stringMatching(/audit events recomputed/) },
        },
      });
    },
  );

  it('when the archived PDF is turned into an image and read by OCR, then the order id, the customer and the signer’s name are on it', async () => {
    const pdf = await objectBytes(order.archive!.pdf!.key, order.archive!.pdf!.versionId);
    const text = ocrPdf(pdf);
    expect(ocrShows(text, order.orderId), text).toBe(true);
    expect(ocrShows(text, order.customerId), text).toBe(true);
    expect(text).toContain(finance.name);
    expect(text).toMatch(/meaning: Approved/);
  }, 60_000);

  it('when someone deletes the archived version or shortens its retention, then Object Lock refuses both', async () => {
    const { bucket, key, versionId } = order.archive!;
    await expect(s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      s3.send(
        new PutObjectRetentionCommand({
          Bucket: bucket,
          Key: key,
          VersionId: versionId,
          Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 86_400_000) },
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    const verified = await asCompliance(VerifyResult, 'POST', '/v1/compliance/verify', { orderId: order.orderId });
    expect(verified.body.valid).toBe(true);
  });

  it('when someone writes a new version over the archived key, then the original stays, verify still finds it, and the forged version fails verification', async () => {
    const { bucket, key, versionId } = order.archive!;
    const forged = await s3
      .send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{"forged":true}', ContentType: 'application/json' }))
      .catch((error: Error) => error);
    const original = await asCompliance(VerifyResult, 'POST', '/v1/compliance/verify', { orderId: order.orderId, document: 'json' });
    expect(original.body).toMatchObject({ valid: true, versionId });
    if (forged instanceof Error) {
      // Refusing the overwrite outright is also acceptable write-once behaviour.
      expect(forged.name).toMatch(/AccessDenied|ObjectLocked|InvalidRequest/);
      return;
    }
    expect(forged.VersionId).not.toBe(versionId);
    const check = await asCompliance(VerifyResult, 'POST', '/v1/compliance/verify', { orderId: order.orderId, document: 'json', versionId: forged.VersionId });
    expect(check.body).toMatchObject({ valid: false, versionId: forged.VersionId, checks: { signature: { ok: false }, orderRecord: { ok: false } } });
    const listed = await asCompliance(ComplianceDocuments, 'GET', `/v1/compliance/documents/${order.orderId}`);
    const versions = listed.body.objects.filter((o) => o.key === key);
    expect(versions.map((o) => [o.versionId, o.archivedRecord])).toEqual(
      expect.arrayContaining([
        [versionId, true],
        [forged.VersionId, false],
      ]),
    );
  });

  it('when compliance places and lifts a legal hold with a reason, then every version is held and released, and the table record names who and why', async () => {
    const reason = `investigation ${uniqueId('INV')}`;
    const placed = await asCompliance(LegalHoldView, 'PUT', `/v1/compliance/documents/${order.orderId}/legal-hold`, { reason });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ orderId: order.orderId, status: 'ON', reason });
    expect(placed.body.objectVersions).toBeGreaterThanOrEqual(4);
    const held = await asCompliance(ComplianceDocuments, 'GET', `/v1/compliance/documents/${order.orderId}`);
    expect(held.body.objects.every((o) => o.legalHold === 'ON')).toBe(true);
    expect(held.body.legalHold).toMatchObject({ status: 'ON', reason, changedBy: expect.stringMatching(/^user:/) });

    const item = await new DynamoDBClient({}).send(
      new GetItemCommand({ TableName: outputs.TableName, Key: { PK: { S: `ORDER#${order.orderId}` }, SK: { S: 'LEGALHOLD' } }, ConsistentRead: true }),
    );
    expect(item.Item?.changedBy?.S).toBe(placed.body.changedBy);
    expect(item.Item?.changeReason?.S).toBe(reason);

    const lifted = await asCompliance(LegalHoldView, 'DELETE', `/v1/compliance/documents/${order.orderId}/legal-hold`, { reason: 'investigation closed' });
    expect(lifted.status).toBe(200);
    expect(lifted.body.status).toBe('OFF');
    const released = await asCompliance(ComplianceDocuments, 'GET', `/v1/compliance/documents/${order.orderId}`);
    expect(released.body.objects.every((o) => o.legalHold === 'OFF')).toBe(true);
    expect(released.body.legalHold).toMatchObject({ status: 'OFF', reason: 'investigation closed' });
  });

  it('when a hold is asked without a reason, by a non-compliance user or by a channel, then it is refused and nothing changes', async () => {
    const route = `/v1/compliance/documents/${order.orderId}/legal-hold`;
    const noReason = await asCompliance(LegalHoldView, 'PUT', route, {});
    expect(noReason.status).toBe(400);
    expect(noReason.problem.detail).toMatch(/reason/);
    const quality = await staffToken(outputs, ['quality']);
    expect((await api.json(LegalHoldView, 'PUT', route, { token: quality.token, body: { reason: 'not my job' } })).status).toBe(403);
    expect((await api.json(LegalHoldView, 'PUT', route, { body: { reason: 'a channel token' } })).status).toBe(403);
    expect((await api.json(ComplianceDocuments, 'GET', `/v1/compliance/documents/${order.orderId}`)).status).toBe(403);
    expect((await api.json(VerifyResult, 'POST', '/v1/compliance/verify', { body: { orderId: order.orderId } })).status).toBe(403);
  });

  it('when documents of an unknown order are asked for or verified, then 404; a malformed order id is 400', async () => {
    expect((await asCompliance(ComplianceDocuments, 'GET', `/v1/compliance/documents/${uniqueId('ORD-NONE')}`)).status).toBe(404);
    expect((await asCompliance(VerifyResult, 'POST', '/v1/compliance/verify', { orderId: uniqueId('ORD-NONE') })).status).toBe(404);
    expect((await asCompliance(ComplianceDocuments, 'GET', '/v1/compliance/documents/bad%20id')).status).toBe(400);
    expect((await asCompliance(VerifyResult, 'POST', '/v1/compliance/verify', { orderId: order.orderId, document: 'docx' })).status).toBe(400);
  });
});

describe('given archived objects whose retention has run out', () => {
  const outputs = deployedStack();

  it('when a legal hold is on, then even an expired version cannot be deleted until the hold is lifted', async () => {
    const api = await portalApi(outputs);
    const { token } = await staffToken(outputs, ['compliance']);
    const bucket = outputs.AuditBucketName;
    // Written directly with a retention of seconds, which no archive step would ever set.
    const orderId = uniqueId('ORD-HOLD');
    const key = `orders/${orderId}/audit-record.json`;
    const written = await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{}', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: new Date(Date.now() + 2_000) }),
    );
    const held = await api.json(LegalHoldView, 'PUT', `/v1/compliance/documents/${orderId}/legal-hold`, {
      token,
      body: { reason: 'recall R-1 investigation' },
    });
    expect(held.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await expect(s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: written.VersionId }))).rejects.toMatchObject({ name: 'AccessDenied' });

    expect(
      (await api.json(LegalHoldView, 'DELETE', `/v1/compliance/documents/${orderId}/legal-hold`, { token, body: { reason: 'recall R-1 closed' } })).status,
    ).toBe(200);
    await expect(s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: written.VersionId }))).resolves.toBeDefined();
  });
});
