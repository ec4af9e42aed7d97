import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { describe, expect, it } from 'vitest';
import { isAudited } from '../../../shared/compliance/domain/audit/subject.js';
import { idempotencyStore } from '../../../shared/platform/http/idempotency.js';

/** A DynamoDB client that answers every command itself and keeps the items it was asked to put. */
function recordingClient() {
  const client = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const puts: Record<string, { S?: string; N?: string }>[] = [];
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      if (context.commandName === 'PutItemCommand') puts.push((args.input as { Item: (typeof puts)[number] }).Item);
      return { output: { $metadata: {} } as never, response: {} };
    },
    { step: 'initialize', name: 'answerLocally' },
  );
  return { client, puts };
}

describe('given the idempotency store of an HTTP operation', () => {
  it('when a request is recorded, then the record lives in an IDEMPOTENCY# partition that the audit trail leaves out, and carries the table TTL attribute in epoch seconds', async () => {
    const { client, puts } = recordingClient();
    const store = idempotencyStore('Table', 'place-order', client);
    store.configure({ config: new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: 24 * 3600 }) });
    const before = Math.floor(Date.now() / 1000);

    await store.saveInProgress({ key: 'k-1' });

    expect(puts).toHaveLength(1);
    const item = puts[0]!;
    expect(item.PK?.S).toBe('IDEMPOTENCY#place-order');
    expect(isAudited({ PK: item.PK!.S! })).toBe(false);
    const ttl = Number(item.ttl?.N);
    expect(ttl).toBeGreaterThanOrEqual(before + 24 * 3600);
    expect(ttl).toBeLessThan(before + 24 * 3600 + 60);
    expect(item).not.toHaveProperty('expiration');
  });
});
