import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IDEMPOTENCY_PARTITION_PREFIX, TTL_ATTRIBUTE } from '../domain/table-layout.js';

/**
 * Idempotency records live in the one table, one partition per operation
 * (access patterns 14, 55 and 60), under the prefix the audit trail leaves
 * out, and expire on the table's TTL attribute (Powertools' default,
 * `expiration`, is not the table's, so such records would never expire).
 */
export function idempotencyStore(tableName: string, operation: string, client?: DynamoDBClient): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: 'PK',
    sortKeyAttr: 'SK',
    staticPkValue: `${IDEMPOTENCY_PARTITION_PREFIX}${operation}`,
    expiryAttr: TTL_ATTRIBUTE,
    ...(client ? { awsSdkV3Client: client } : {}),
  });
}

/** Who a request's Idempotency-Key belongs to: the calling app client, the signed-in user, or both. */
const CALLER_CLAIMS = {
  client: ['client_id'],
  user: ['username'],
  'client-and-user': ['client_id', 'username'],
} as const;

/**
 * Makes a route idempotent on its `Idempotency-Key` header, scoped to the
 * caller so two callers can never collide on a key: a retry with the same
 * body gets the first answer, another body under the same key is refused.
 * Keys are kept a day.
 */
export function idempotentOnKeyHeader(tableName: string, operation: string, scope: keyof typeof CALLER_CLAIMS) {
  const claims = CALLER_CLAIMS[scope].map((claim) => `requestContext.authorizer.jwt.claims.${claim}`);
  return makeHandlerIdempotent({
    persistenceStore: idempotencyStore(tableName, operation),
    config: new IdempotencyConfig({
      eventKeyJmesPath: `[${[...claims, 'headers."idempotency-key"'].join(', ')}]`,
      payloadValidationJmesPath: 'body',
      throwOnNoIdempotencyKey: true,
      expiresAfterSeconds: 24 * 3600,
    }),
  });
}
