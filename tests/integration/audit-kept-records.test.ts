import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';
import { givenOrderAtRest } from '../support/orders.js';
import { uniqueId } from '../support/fixtures.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';
import { checkChain } from '../../shared/compliance/domain/audit/chain.js';
import { AUDIT_TEST_TIMEOUT_MS, AUDIT_TRAIL_LAG_MS, useAuditTable } from '../support/audit.js';

const outputs = deployedStack();
useAuditTable(outputs);

async function deployedFunction(lambda: LambdaClient, id: string): Promise<string> {
  for await (const page of paginateListFunctions({ client: lambda }, {})) {
    const found = page.Functions?.find((fn) => fn.FunctionName?.includes(id))?.FunctionName;
    if (found) return found;
  }
  throw new Error(`no deployed function named like ${id}`);
}

describe('given an audit chain whose appends fail (a malformed head in the audit table), on the emulator', { timeout: AUDIT_TEST_TIMEOUT_MS }, () => {
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let audit: typeof import('../../shared/compliance/data/audit/audit-repository.js');

  beforeAll(async () => {
    orders = await import('../../shared/orders/data/order-repository.js');
    audit = await import('../../shared/compliance/data/audit/audit-repository.js');
  });

  it('when an order is written to it, then the consumer keeps its stream records whole, and once the cause is removed the replay appends them to the chain (a second replay writes nothing)', async () => {
    const dynamodb = new DynamoDBClient({});
    const lambda = new LambdaClient({});
    const orderId = newOrderId();
    const chain = `ORDER#${orderId}`;
    // A head the audit repository cannot read: every append to this chain throws, as a poisoned record does.
    const poison = { PK: { S: `CHAIN#${chain}` }, SK: { S: 'SEQ#000000000001' } };
    await dynamodb.send(new PutItemCommand({ TableName: outputs.AuditTableName, Item: { ...poison, _et: { S: 'AuditEvent' }, seq: { N: '1' } } }));

    await givenOrderAtRest(orderId, 'client:kept-records-test');
    // A later order on a healthy chain shows the consumer went past the poisoned records instead of stopping at them.
    const healthyId = newOrderId();
    await givenOrderAtRest(healthyId, 'client:kept-records-test');
    const deadline = Date.now() + AUDIT_TRAIL_LAG_MS;
    while ((await audit.chainEvents(`ORDER#${healthyId}`)).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await audit.chainEvents(`ORDER#${healthyId}`)).toHaveLength(2);

    // The cause is removed (here: the malformed head); the kept records are replayed through the same append.
    await dynamodb.send(new DeleteItemCommand({ TableName: outputs.AuditTableName, Key: poison }));
    const replay = await deployedFunction(lambda, 'ReplayKeptRecords');
    const invoke = async () => {
      const invoked = await lambda.send(new InvokeCommand({ FunctionName: replay, Payload: Buffer.from('{}') }));
      expect(invoked.FunctionError, Buffer.from(invoked.Payload ?? []).toString('utf8')).toBeUndefined();
      return JSON.parse(Buffer.from(invoked.Payload ?? []).toString('utf8'));
    };
    const first = await invoke();
    console.log(`kept-records replay on the emulator: ${JSON.stringify(first)}`);
    expect(first.replayed).toBeGreaterThanOrEqual(2);
    expect(first.failed).toBe(0);

    const events = await audit.chainEvents(chain);
    expect(events.map((event) => event.entityType).sort()).toEqual(['Order', 'OrderEvent']);
    expect(checkChain(events).intact).toBe(true);
    expect(await invoke()).toMatchObject({ replayed: 0, failed: 0 });
    expect(await audit.chainEvents(chain)).toHaveLength(2);
  });
});
