import { Readable } from 'node:stream';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { retryTransactionConflicts } from '../../../shared/platform/aws/transaction-conflicts.js';

/** A DynamoDB endpoint that answers each request with the next of `replies` (an error type, or success). */
function clientAnswering(replies: ('TransactionConflictException' | 'ConditionalCheckFailedException' | 'OK')[], sdkMaxAttempts = 1) {
  const requests: number[] = [];
  const client = new DynamoDBClient({
    region: 'eu-central-1',
    endpoint: 'http://dynamodb.test',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: sdkMaxAttempts,
    requestHandler: {
      async handle() {
        requests.push(requests.length + 1);
        const reply = replies[requests.length - 1] ?? 'OK';
        const body =
          reply === 'OK' ? '{"Attributes":{"n":{"N":"1"}}}' : JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${reply}`, message: reply });
        return {
          response: {
            statusCode: reply === 'OK' ? 200 : 400,
            headers: { 'content-type': 'application/x-amz-json-1.0', ...(reply === 'OK' ? {} : { 'x-amzn-errortype': reply }) },
            body: Readable.from([Buffer.from(body)]),
          },
        };
      },
    },
  });
  return { client, requests };
}

const update = () =>
  new UpdateItemCommand({
    TableName: 't',
    Key: { PK: { S: 'APPROVAL#A' } },
    UpdateExpression: 'ADD n :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
  });

describe('given a single-item write to an item another transaction is writing', () => {
  it('when DynamoDB answers TransactionConflictException twice, then the write is tried again and succeeds', async () => {
    const { client, requests } = clientAnswering(['TransactionConflictException', 'TransactionConflictException', 'OK']);
    retryTransactionConflicts(client, { maxAttempts: 5, baseDelayMs: 1 });

    const output = await client.send(update());

    expect(output.Attributes).toEqual({ n: { N: '1' } });
    expect(requests).toHaveLength(3);
  });

  it('when the conflict lasts longer than the tries, then the error reaches the caller after exactly that many', async () => {
    const { client, requests } = clientAnswering(Array(10).fill('TransactionConflictException'));
    retryTransactionConflicts(client, { maxAttempts: 4, baseDelayMs: 1 });

    await expect(client.send(update())).rejects.toMatchObject({ name: 'TransactionConflictException' });
    expect(requests).toHaveLength(4);
  });

  it('when the write fails its condition, then it is not tried again', async () => {
    const { client, requests } = clientAnswering(['ConditionalCheckFailedException']);
    retryTransactionConflicts(client, { maxAttempts: 5, baseDelayMs: 1 });

    await expect(client.send(update())).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(requests).toHaveLength(1);
  });

  it('when no retry is installed, then the conflict reaches the caller at once (the SDK does not count it as retryable)', async () => {
    const { client, requests } = clientAnswering(['TransactionConflictException', 'OK'], 3);

    await expect(client.send(update())).rejects.toMatchObject({ name: 'TransactionConflictException' });
    expect(requests).toHaveLength(1);
  });
});
