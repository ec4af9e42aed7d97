import { appendToChain } from '../../data/audit/audit-repository.js';

export interface AccessRecord {
  actor: string;
  /** The route asked, e.g. `GET /v1/compliance/records`. */
  route: string;
  filters: Record<string, string>;
  /** How much was shown, e.g. counts per record type, or the chain verified and its result. */
  result: Record<string, unknown>;
  requestId: string;
  at: string;
}

/**
 * Logs who looked at what as an audit event of its own, on the reader's
 * access chain, with the same append rules as every other audit event. The
 * request id makes a retried Lambda invocation log once.
 */
export async function logAccess(access: AccessRecord): Promise<void> {
  await appendToChain(`ACCESS#${access.actor}`, {
    eventId: `AX-${access.requestId}`,
    at: access.at,
    action: 'ACCESS',
    entityType: 'ComplianceQuery',
    entityKey: access.route,
    actor: access.actor,
    after: { filters: access.filters, result: access.result },
    refs: Object.fromEntries(Object.entries(access.filters).filter(([key]) => ['orderId', 'customerId', 'gtin', 'lot', 'serial'].includes(key))),
    sourceId: `request:${access.requestId}`,
  });
}
