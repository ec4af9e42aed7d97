import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryTransactionConflicts } from './transaction-conflicts.js';

// The SDK takes AWS_ENDPOINT_URL from the environment by itself, so the same
// bundle talks to AWS or to the local emulator without a code path of its own.
export const dynamoDbClient = new DynamoDBClient({});
retryTransactionConflicts(dynamoDbClient);
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
