import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChainVerification, ComplianceReport } from '../../shared/compliance/schemas/audit.js';
import { OrderAccepted } from '../../shared/orders/schemas/order.js';
import { deployedStack, givenCustomer, idempotencyKey, newOrder, portalApi } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';
import { staffToken } from '../support/staff.js';
import { AUDIT_TEST_TIMEOUT_MS, AUDIT_TRAIL_LAG_MS, useAuditTable } from '../support/audit.js';
import { complianceJson, complianceRequest } from '../support/compliance.js';

const outputs = deployedStack();
useAuditTable(outputs);

const compliance = (token: string, method: string, route: string, body?: unknown) => complianceRequest(outputs, token, method, route, body);

describe('given an archived order whose audit events were sealed into the archive and then expired from the audit table', () => {
  let officer: { username: string; token: string };
  let orderId: string;
  let sealedEvents: number;

  beforeAll(async () => {
    const api = await portalApi(outputs);
    officer = await staffToken(outputs, ['compliance']);
    const customerId = await givenCustomer();
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', { body: newOrder({ customerId }), headers: { 'idempotency-key': idempotencyKey() } });
    expect(placed.status).toBe(202);
    orderId = placed.body.orderId;
    expect((await waitForShippedOrder(api, orderId, ['ARCHIVED', 'REJECTED', 'FAILED'])).status).toBe('ARCHIVED');

    const audit = await import('../../shared/compliance/data/audit/audit-repository.js');
    const { sealChain } = await import('../../shared/compliance/services/audit/archive/seal.js');
    const chain = `ORDER#${orderId}`;
    // The trail is complete once the ARCHIVED change has reached it through the table stream (which lags far behind while the whole suite loads it).
    const deadline = Date.now() + AUDIT_TRAIL_LAG_MS;
    let events = await audit.chainEvents(chain);
    while (!events.some((event) => event.changes?.some((change) => change.field === 'status' && change.after === 'ARCHIVED')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      events = await audit.chainEvents(chain);
    }
    // What the hourly sealer does for a closed day, done now for this chain only (other tests' chains are left live).
    const sealed = await sealChain(chain, new Date(Date.now() + 1000).toISOString(), 'e2e', {
      bucket: outputs.AuditBucketName,
      signingKeyId: outputs.SigningKeyArn,
      retentionYears: 1,
    });
    expect(sealed.kind).toBe('sealed');
    sealedEvents = sealed.kind === 'sealed' ? sealed.manifest.eventCount : 0;
    expect(sealedEvents).toBe(events.length);
    // Expiry simulated: the emulator's TTL would take the live window (400 days by default) to remove them.
    const dynamo = new DynamoDBClient({});
    for (const event of events) {
      await dynamo.send(
        new DeleteItemCommand({
          TableName: outputs.AuditTableName,
          Key: { PK: { S: `CHAIN#${chain}` }, SK: { S: `SEQ#${String(event.seq).padStart(12, '0')}` } },
        }),
      );
    }
    expect(await audit.chainEvents(chain)).toEqual([]);
  }, AUDIT_TEST_TIMEOUT_MS);

  it('when a compliance officer queries the order, then every audit event is still returned, marked as read from the archive, and the chain verifies from the archive', async () => {
    const answer = await complianceJson(outputs, officer.token, ComplianceReport, 'GET', `/v1/compliance/records?orderId=${orderId}`);
    expect(answer.status).toBe(200);
    expect(answer.body.auditEvents).toHaveLength(sealedEvents);
    expect(answer.body.auditEvents.every((event) => event.source === 'archive')).toBe(true);
    expect(answer.body.auditEvents.map((event) => event.seq)).toEqual(Array.from({ length: sealedEvents }, (_, n) => n + 1));
    expect(answer.body.auditEvents.some((event) => event.changes?.some((change) => change.after === 'ARCHIVED'))).toBe(true);
    expect(answer.body.orders).toEqual([expect.objectContaining({ orderId, source: 'live' })]);

    const verified = await complianceJson(outputs, officer.token, ChainVerification, 'POST', '/v1/compliance/verify-chain', { orderId });
    expect(verified.body).toMatchObject({ intact: true, checkedEvents: sealedEvents, archive: { segments: 1, validSegments: 1, liveEvents: 0 } });
  });

  it('when the same query is exported as CSV, then the archived events are rows whose source column says archive', async () => {
    const csv = await compliance(officer.token, 'GET', `/v1/compliance/records?orderId=${orderId}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[0]!.endsWith(',source')).toBe(true);
    const auditRows = rows.filter((row) => row.startsWith('audit-event,'));
    expect(auditRows).toHaveLength(sealedEvents);
    expect(auditRows.every((row) => row.endsWith(',archive'))).toBe(true);
  });
});

describe('given the deployed hourly sealer', () => {
  it('when it is invoked as the schedule does, then it seals the closed days due (none hold events on a fresh stack) and reports how far behind it is', async () => {
    const lambda = new LambdaClient({});
    let name: string | undefined;
    for await (const page of paginateListFunctions({ client: lambda }, {})) {
      name ??= page.Functions?.find((fn) => fn.FunctionName?.includes('AuditArchiveSeal'))?.FunctionName;
    }
    expect(name).toBeDefined();
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }));
    expect(invoked.FunctionError).toBeUndefined();
    const result = JSON.parse(Buffer.from(invoked.Payload ?? []).toString('utf8'));
    expect(result).toMatchObject({ days: expect.any(Number), events: expect.any(Number), daysBehind: expect.any(Number) });
    expect(result.days).toBeLessThanOrEqual(3);
  });
});
