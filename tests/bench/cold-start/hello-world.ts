import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// The baseline of the cold-start benchmark: a function that only creates one SDK client.
const client = new DynamoDBClient({});

export const handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });
