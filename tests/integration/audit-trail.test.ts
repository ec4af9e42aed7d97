import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { uniqueId } from '../support/fixtures.js';
import { newOrderId } from '../../shared/domain/ids.js';
import { checkChain } from '../../shared/domain/audit/chain.js';

const outputs = deployedStack();
process.env.AUDIT_TABLE_NAME = outputs.AuditTableName;

describe('given the table stream feeding the audit trail on the emulator', () => {
  let orders: typeof import('../../shared/data/order-repository.js');
  let audit: typeof import('../../shared/data/audit/audit-repository.js');

  beforeAll(async () => {
    orders = await import('../../shared/data/order-repository.js');
    audit = await import('../../shared/data/audit/audit-repository.js');
  });

  async function eventsOf(chain: string, atLeast: number, timeoutMs = 30_000) {
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
    await orders.createOrder(
      {
        orderId,
        status: 'RECEIVED',
        channel: 'portal',
        submittedBy: 'client:audit-test',
        customerId: uniqueId('CUST'),
        customerPo: uniqueId('PO'),
        shipTo: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' },
        lines: [{ lineNo: 1, gtin: '05012345678900', quantity: 1 }],
      },
      { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'client:audit-test' },
      new Date().toISOString(),
    );
    const first = await eventsOf(`ORDER#${orderId}`, 2);
    const latencyMs = Date.now() - written;
    await orders.recordTransition({ orderId, version: 1 }, 'VALIDATED', {}, { eventId: '01-VALIDATED', type: 'ORDER_VALIDATED', actor: 'workflow' }, new Date().toISOString());

    const events = await eventsOf(`ORDER#${orderId}`, 4);
    console.log(`audit latency on the emulator: order written -> its audit events readable in ${latencyMs} ms`);
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(checkChain(events).intact).toBe(true);

    const inserted = events.find((event) => event.action === 'INSERT' && event.entityType === 'Order');
    expect(inserted).toMatchObject({ actor: 'client:audit-test', version: 1, refs: { orderId } });
    const modified = events.find((event) => event.action === 'MODIFY');
    expect(modified).toMatchObject({ actor: 'system:order_validated', version: 2, entityKey: `ORDER#${orderId}|ORDER` });
    expect(modified?.changes).toEqual(expect.arrayContaining([{ field: 'status', before: 'RECEIVED', after: 'VALIDATED' }, { field: 'version', before: 1, after: 2 }]));
  });

  it('when the same source is appended twice, then the second append writes nothing', async () => {
    const chain = uniqueId('TEST#dup');
    const content = { eventId: 'AE-x', at: new Date().toISOString(), action: 'ACCESS' as const, entityType: 'Test', entityKey: 'k', actor: 'user:t', refs: {}, sourceId: uniqueId('src') };
    expect((await audit.appendToChain(chain, content)).appended).toBe(true);
    expect(await audit.appendToChain(chain, content)).toEqual({ appended: false, duplicateOf: { chain, seq: 1 } });
    expect(await audit.chainEvents(chain)).toHaveLength(1);
  });

  it('when 20 writers append to one chain at once, then every event gets its own position and the chain is intact', async () => {
    const chain = uniqueId('TEST#race');
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        audit.appendToChain(chain, { eventId: `AE-${n}`, at: new Date().toISOString(), action: 'ACCESS', entityType: 'Test', entityKey: 'k', actor: 'user:t', refs: {}, sourceId: uniqueId('src') }),
      ),
    );
    const events = await audit.chainEvents(chain);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    expect(checkChain(events).intact).toBe(true);
  });
});
