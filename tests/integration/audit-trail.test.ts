import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { givenOrderAtRest } from '../support/orders.js';
import { uniqueId } from '../support/fixtures.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';
import { checkChain } from '../../shared/compliance/domain/audit/chain.js';
import { AUDIT_TEST_TIMEOUT_MS, AUDIT_TRAIL_LAG_MS, useAuditTable } from '../support/audit.js';

const outputs = deployedStack();
useAuditTable(outputs);

describe('given the table stream feeding the audit trail on the emulator', { timeout: AUDIT_TEST_TIMEOUT_MS }, () => {
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let audit: typeof import('../../shared/compliance/data/audit/audit-repository.js');

  beforeAll(async () => {
    orders = await import('../../shared/orders/data/order-repository.js');
    audit = await import('../../shared/compliance/data/audit/audit-repository.js');
  });

  async function eventsOf(chain: string, atLeast: number, timeoutMs = AUDIT_TRAIL_LAG_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const events = await audit.chainEvents(chain);
      if (events.length >= atLeast || Date.now() > deadline) return events;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('when an order is created and changes status, then each item change becomes one chained audit event with its actor, version and diff', async () => {
    const orderId = newOrderId();
    const written = Date.now();
    await givenOrderAtRest(orderId, 'client:audit-test');
    const first = await eventsOf(`ORDER#${orderId}`, 2);
    const latencyMs = Date.now() - written;
    await orders.recordTransition(
      { orderId, version: 1 },
      'PRICED',
      {},
      { eventId: '02-PRICED', type: 'ORDER_PRICED', actor: 'workflow' },
      new Date().toISOString(),
    );

    const events = await eventsOf(`ORDER#${orderId}`, 4);
    console.log(`audit latency on the emulator: order written -> its audit events readable in ${latencyMs} ms`);
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(checkChain(events).intact).toBe(true);

    const inserted = events.find((event) => event.action === 'INSERT' && event.entityType === 'Order');
    expect(inserted).toMatchObject({ actor: 'client:audit-test', version: 1, refs: { orderId } });
    const modified = events.find((event) => event.action === 'MODIFY');
    expect(modified).toMatchObject({ actor: 'system:order_priced', version: 2, entityKey: `ORDER#${orderId}|ORDER` });
    expect(modified?.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: 'VALIDATED', after: 'PRICED' },
        { field: 'version', before: 1, after: 2 },
      ]),
    );
  });

  it('when the same source is appended twice, then the second append writes nothing', async () => {
    const chain = uniqueId('TEST#dup');
    const content = {
      eventId: 'AE-x',
      at: new Date().toISOString(),
      action: 'ACCESS' as const,
      entityType: 'Test',
      entityKey: 'k',
      actor: 'user:t',
      refs: {},
      sourceId: uniqueId('src'),
    };
    expect((await audit.appendToChain(chain, content)).appended).toBe(true);
    expect(await audit.appendToChain(chain, content)).toEqual({ appended: false, duplicateOf: { chain, seq: 1 } });
    expect(await audit.chainEvents(chain)).toHaveLength(1);
  });

  it('when 20 writers append to one chain at once, then every event gets its own position and the chain is intact', async () => {
    const chain = uniqueId('TEST#race');
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        audit.appendToChain(chain, {
          eventId: `AE-${n}`,
          at: new Date().toISOString(),
          action: 'ACCESS',
          entityType: 'Test',
          entityKey: 'k',
          actor: 'user:t',
          refs: {},
          sourceId: uniqueId('src'),
        }),
      ),
    );
    const events = await audit.chainEvents(chain);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    expect(checkChain(events).intact).toBe(true);
  });
});

describe('given a chain signed by a scheduled checkpoint', () => {
  let audit: typeof import('../../shared/compliance/data/audit/audit-repository.js');
  let checkpoints: typeof import('../../shared/compliance/services/audit/checkpoint.js');
  let verify: typeof import('../../shared/compliance/services/audit/verify-chain.js');
  const settings = { bucket: outputs.AuditBucketName, signingKeyId: outputs.SigningKeyArn };

  beforeAll(async () => {
    audit = await import('../../shared/compliance/data/audit/audit-repository.js');
    checkpoints = await import('../../shared/compliance/services/audit/checkpoint.js');
    verify = await import('../../shared/compliance/services/audit/verify-chain.js');
  });

  async function signedChain(length: number) {
    const chain = uniqueId('TEST#signed');
    for (let n = 1; n <= length; n += 1) {
      await audit.appendToChain(chain, {
        eventId: `AE-${n}`,
        at: new Date().toISOString(),
        action: 'ACCESS',
        entityType: 'Test',
        entityKey: 'k',
        actor: 'user:t',
        refs: {},
        sourceId: uniqueId('src'),
      });
    }
    const head = await audit.chainHead(chain);
    const written = await checkpoints.writeCheckpoint(checkpoints.SCHEDULED, settings, new Map([[chain, head!]]));
    expect(written?.key).toMatch(/^audit-checkpoints\/\d{12}\.json$/);
    return chain;
  }

  const deleteEvent = (chain: string, seq: number) =>
    new DynamoDBClient({}).send(
      new DeleteItemCommand({ TableName: outputs.AuditTableName, Key: { PK: { S: `CHAIN#${chain}` }, SK: { S: `SEQ#${String(seq).padStart(12, '0')}` } } }),
    );

  it('when nothing was touched, then verify finds it intact and the checkpoint signature valid (KMS)', async () => {
    const chain = await signedChain(3);
    const result = await verify.verifyChain(chain, settings.bucket);
    expect(result).toMatchObject({ chain, intact: true, checkedEvents: 3, checkpoint: { signatureValid: true, head: { seq: 3 } } });
  });

  it('when an event in the middle is deleted, then verify reports the gap at its position', async () => {
    const chain = await signedChain(4);
    await deleteEvent(chain, 2);
    expect(await verify.verifyChain(chain, settings.bucket)).toMatchObject({ intact: false, firstBrokenEvent: { problem: 'SEQUENCE_GAP', seq: 2 } });
  });

  it('when the tail after the signed head is deleted, then verify reports the chain truncated', async () => {
    const chain = await signedChain(3);
    await deleteEvent(chain, 3);
    expect(await verify.verifyChain(chain, settings.bucket)).toMatchObject({ intact: false, firstBrokenEvent: { problem: 'TRUNCATED', seq: 3 } });
  });

  it('when two checkpoints are written at once, then each gets its own number on the checkpoint chain, which stays intact', async () => {
    const [a, b] = await Promise.all([signedChain(1), signedChain(1)]);
    const events = await audit.chainEvents(checkpoints.CHECKPOINT_CHAIN);
    expect(checkChain(events).intact).toBe(true);
    expect((await verify.verifyChain(a, settings.bucket)).intact).toBe(true);
    expect((await verify.verifyChain(b, settings.bucket)).intact).toBe(true);
  });
});
