/**
 * Facts about the single table's layout that more than one layer must agree
 * on: the writer of an item, the infrastructure that declares the table, and
 * the audit trail that reads its stream. Declared once, here.
 */

/** The attribute DynamoDB expires items on (epoch seconds). */
export const TTL_ATTRIBUTE = 'ttl';

/** Partition key prefix of Powertools idempotency records (`IDEMPOTENCY#{operation}`): plumbing, not business records. */
export const IDEMPOTENCY_PARTITION_PREFIX = 'IDEMPOTENCY#';

/**
 * Partition key prefix of fault-injection plans (`FAULT#{function id}`), which exist only in deployments with
 * `faultInjection=true` (never production): test plumbing, not business records.
 */
export const FAULT_PARTITION_PREFIX = 'FAULT#';
