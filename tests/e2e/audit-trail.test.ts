import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChainVerification, ComplianceReport } from '../../shared/compliance/schemas/audit.js';
import { OrderAccepted, OrderView } from '../../shared/orders/schemas/order.js';
import { deployedStack, givenCustomer, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';
import { staffToken } from '../support/staff.js';
import { AUDIT_TEST_TIMEOUT_MS, AUDIT_TRAIL_LAG_MS, useAuditTable } from '../support/audit.js';
import { complianceJson, complianceRequest } from '../support/compliance.js';

const outputs = deployedStack();
useAuditTable(outputs);

const compliance = (token: string, method: string, route: string, body?: unknown) => complianceRequest(outputs, token, method, route, body);
const records = (token: string, route: string) => complianceJson(outputs, token, ComplianceReport, 'GET', route);
const verifyChain = (token: string, body: unknown) => complianceJson(outputs, token, ChainVerification, 'POST', '/v1/compliance/verify-chain', body);

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = AUDIT_TRAIL_LAG_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('given an order placed on the portal and run to ARCHIVED, and a compliance officer', { timeout: AUDIT_TEST_TIMEOUT_MS }, () => {
  let api: ApiClient;
  let officer: { username: string; token: string };
  let order: OrderView;
  const startedAt = new Date(Date.now() - 1000).toISOString();

  beforeAll(async () => {
    api = await portalApi(outputs);
    officer = await staffToken(outputs, ['compliance']);
    const customerId = await givenCustomer();
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', { body: newOrder({ customerId }), headers: { 'idempotency-key': idempotencyKey() } });
    expect(placed.status).toBe(202);
    order = await waitForShippedOrder(api, placed.body.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(order.status).toBe('ARCHIVED');
  });

  /** The order's report once its trail holds the ARCHIVED change and a checkpoint has sealed it. */
  const sealedReport = () =>
    eventually(async () => {
      const verified = await verifyChain(officer.token, { orderId: order.orderId });
      return verified.status === 200 && verified.body.checkpoint ? verified.body : undefined;
    });

  it('when the order lifecycle is read from the audit trail, then every change is there with its actor, and the chain is intact and signed at completion', async () => {
    const report = await eventually(async () => {
      const answer = await records(officer.token, `/v1/compliance/records?orderId=${order.orderId}`);
      const body = answer.status === 200 ? answer.body : undefined;
      const archived = body?.auditEvents?.some((event) => event.changes?.some((change) => change.field === 'status' && change.after === 'ARCHIVED'));
      return archived ? body : undefined;
    });
    const sizes = report.auditEvents.map((event) => JSON.stringify(event).length);
    console.log(
      `audit trail of one auto-approved order: ${sizes.length} events, ${Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length)} bytes each on average (largest ${Math.max(...sizes)})`,
    );
    const actors = new Set(report.auditEvents.map((event) => event.actor));
    expect([...actors].some((actor) => String(actor).startsWith('client:'))).toBe(true);
    expect(actors).toContain('system:order_archived');
    expect(report.auditEvents.map((event) => event.seq)).toEqual(report.auditEvents.map((_, index) => index + 1));
    expect(report.orders).toEqual([expect.objectContaining({ orderId: order.orderId, status: 'ARCHIVED', source: 'live' })]);
    expect(report.shipments.length).toBeGreaterThan(0);

    const verified = await sealedReport();
    expect(verified).toMatchObject({ chain: `ORDER#${order.orderId}`, intact: true, checkpoint: { signatureValid: true } });
    expect(verified.checkedEvents).toBeGreaterThanOrEqual(verified.checkpoint!.head.seq);
  });

  it('when an audit event is changed directly in the audit table, then verify reports the chain broken and names that event', async () => {
    const verified = await sealedReport();
    const victim = 2;
    await new DynamoDBClient({}).send(
      new UpdateItemCommand({
        TableName: outputs.AuditTableName,
        Key: { PK: { S: `CHAIN#ORDER#${order.orderId}` }, SK: { S: `SEQ#${String(victim).padStart(12, '0')}` } },
        UpdateExpression: 'SET actor = :forged',
        ExpressionAttributeValues: { ':forged': { S: 'user:mallory' } },
      }),
    );
    const tampered = await verifyChain(officer.token, { orderId: order.orderId });
    expect(tampered.status).toBe(200);
    expect(tampered.body).toMatchObject({ intact: false, firstBrokenEvent: { problem: 'HASH_MISMATCH', seq: victim } });
    expect(tampered.body.firstBrokenEvent!.eventId).toMatch(/^AE-/);
    expect(tampered.body.firstBrokenEvent!.detail).toContain(tampered.body.firstBrokenEvent!.eventId);
    expect(verified.intact).toBe(true);
  });

  it('when the allocated lot is queried, then the order and its shipment are returned, and the query itself is logged as an audit event', async () => {
    const { gtin } = order.lines[0]!;
    const { lotNumber } = order.lines[0]!.allocations![0]!;
    const answer = await records(officer.token, `/v1/compliance/records?gtin=${gtin}&lot=${encodeURIComponent(lotNumber)}`);
    expect(answer.status).toBe(200);
    expect(answer.body.orders.map((o) => o.orderId)).toContain(order.orderId);
    expect(answer.body.shipments.map((s) => s.orderId)).toContain(order.orderId);
    expect(answer.body.auditEvents.length).toBeGreaterThan(0);

    const { chainEvents } = await import('../../shared/compliance/data/audit/audit-repository.js');
    const logged = await chainEvents(`ACCESS#user:${officer.username}`);
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'ACCESS',
          actor: `user:${officer.username}`,
          entityKey: 'GET /v1/compliance/records',
          refs: { gtin, lot: lotNumber },
        }),
      ]),
    );
  });

  it('when a time range is queried, then the audit events of that window are returned, this order among them', async () => {
    const to = new Date(Date.now() + 60_000).toISOString();
    const answer = await records(officer.token, `/v1/compliance/records?from=${startedAt}&to=${to}`);
    expect(answer.status).toBe(200);
    expect(answer.body.auditEvents.some((event) => event.chain === `ORDER#${order.orderId}`)).toBe(true);
    expect(answer.body.auditEvents.every((event) => event.at >= startedAt && event.at <= to)).toBe(true);
  });

  it('when the report is exported as CSV and as PDF, then each comes back with its content type and content', async () => {
    const csv = await compliance(officer.token, 'GET', `/v1/compliance/records?orderId=${order.orderId}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = csv.bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('recordType,at,id,actor,action,entity,version,reason,detail,source');
    expect(text).toContain(order.orderId);

    const pdf = await compliance(officer.token, 'GET', `/v1/compliance/records?orderId=${order.orderId}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('when a user outside the compliance group or a channel asks, then it is refused with 403 and a bad query with 400', async () => {
    const quality = await staffToken(outputs, ['quality']);
    expect((await records(quality.token, `/v1/compliance/records?orderId=${order.orderId}`)).status).toBe(403);
    expect((await verifyChain(quality.token, { orderId: order.orderId })).status).toBe(403);
    expect((await api.json(ComplianceReport, 'GET', `/v1/compliance/records?orderId=${order.orderId}`)).status).toBe(403);
    const bad = await records(officer.token, '/v1/compliance/records?lot=L1');
    expect(bad.status).toBe(400);
    expect(bad.problem.detail).toContain('gtin');
  });
});
