import type { AuditEventContent } from './chain.js';
import type { AuditAction } from '../../schemas/audit.js';
import { attributeChanges, normalizeValue } from './diff.js';
import { FAULT_PARTITION_PREFIX, IDEMPOTENCY_PARTITION_PREFIX } from '../../../platform/domain/table-layout.js';

/** Partition key prefixes that are plumbing, not business records: Powertools idempotency records, fault-injection plans. */
const UNAUDITED_PARTITION_PREFIXES = [IDEMPOTENCY_PARTITION_PREFIX, FAULT_PARTITION_PREFIX];

/** Order statuses at which an order's trail is sealed with a checkpoint. */
export const FINAL_ORDER_STATUSES = ['ARCHIVED', 'REJECTED', 'FAILED'] as const;

export type Image = Record<string, unknown>;

export interface TableChange {
  action: Extract<AuditAction, 'INSERT' | 'MODIFY' | 'REMOVE'>;
  /** The stream record's id: one audit event per record, whatever the retries. */
  sourceId: string;
  /** When DynamoDB applied the change (stream ApproximateCreationDateTime), UTC ISO. */
  at: string;
  keys: { PK: string; SK: string };
  before?: Image;
  after?: Image;
  /** Set when DynamoDB itself removed the item (TTL expiry). */
  removedByService?: boolean;
}

/**
 * Chains follow the table's aggregates: every item of one partition key (an
 * order with its events, signatures, invoice and shipment notice; a lot with
 * its receipts, events and shipments) is one chain, so verifying an order
 * checks everything recorded under it.
 */
export const chainOf = (keys: { PK: string }): string => keys.PK;

export function isAudited(keys: { PK: string }): boolean {
  return !UNAUDITED_PARTITION_PREFIXES.some((prefix) => keys.PK.startsWith(prefix));
}

const userPrincipal = (value: unknown) => (typeof value === 'string' && value !== '' ? (value.includes(':') ? value : `user:${value}`) : undefined);

/**
 * Who made the change. Writers name it in `changedBy` (the cross-team
 * contract); records written before that, or by writers that have not
 * adopted it, still name their author in their own words, used in turn.
 */
export function actorOf(change: TableChange): string {
  // A delete carries no new image, so no writer can name itself on it; the old image names the previous writer, not the deleter.
  if (change.action === 'REMOVE') return change.removedByService ? 'system:ttl' : 'system:unknown';
  const image = change.after ?? change.before ?? {};
  const explicit = change.after?.changedBy;
  if (typeof explicit === 'string' && explicit !== '') return explicit;
  for (const field of ['actor', 'decidedBy', 'recordedBy', 'receivedBy', 'signerUsername']) {
    const value = image[field];
    if (typeof value === 'string' && value !== '') return value === 'workflow' ? 'system:workflow' : (userPrincipal(value) ?? value);
  }
  if (change.action === 'INSERT' && typeof image.submittedBy === 'string') return image.submittedBy;
  return 'system:unknown';
}

function reasonOf(change: TableChange): string | undefined {
  const after = change.after ?? {};
  if (typeof after.changeReason === 'string' && after.changeReason !== '') {
    // A reason left on the item by an earlier write is not this change's reason.
    if (change.action !== 'MODIFY' || after.changeReason !== change.before?.changeReason || after.changedBy !== change.before?.changedBy)
      return after.changeReason;
  }
  if (typeof after.statusReason === 'string' && after.statusReason !== change.before?.statusReason) return after.statusReason;
  return undefined;
}

/** The customer, product, lot, serial and order an item is about: from its key first, then its attributes. */
export function refsOf(keys: { PK: string; SK: string }, image: Image): Record<string, string> {
  const refs: Record<string, string> = {};
  const [kind, first, second] = keys.PK.split('#');
  if (kind === 'ORDER' && first) refs.orderId = first;
  if (kind === 'CUSTOMER' && first) refs.customerId = first;
  if (kind === 'PRODUCT' && first) refs.gtin = first;
  if (kind === 'LOT' && first && second) Object.assign(refs, { gtin: first, lot: second });
  if (kind === 'SERIAL' && first && second) Object.assign(refs, { gtin: first, serial: second });
  if (kind === 'MASTER' && first === 'customers' && second) refs.customerId = second;
  if (kind === 'MASTER' && first === 'products' && second) refs.gtin = second;
  const text = (field: string) => (typeof image[field] === 'string' && image[field] !== '' ? (image[field] as string) : undefined);
  refs.customerId ??= text('customerId') ?? '';
  refs.gtin ??= text('gtin') ?? '';
  refs.lot ??= text('lotNumber') ?? '';
  refs.orderId ??= text('orderId') ?? '';
  return Object.fromEntries(Object.entries(refs).filter(([, value]) => value !== ''));
}

/** Turns one table change into the content of its audit event (before it is chained). */
export function auditContentOf(change: TableChange): AuditEventContent {
  const before = change.before ? (normalizeValue(change.before) as Image) : undefined;
  const after = change.after ? (normalizeValue(change.after) as Image) : undefined;
  const image = after ?? before ?? {};
  const version = typeof image.version === 'number' ? image.version : undefined;
  const entityType = typeof image._et === 'string' ? image._et : (change.keys.SK.split('#')[0] ?? 'Item');
  const reason = reasonOf(change);
  return {
    eventId: `AE-${change.sourceId}`,
    at: change.at,
    action: change.action,
    entityType,
    entityKey: `${change.keys.PK}|${change.keys.SK}`,
    ...(version !== undefined ? { version } : {}),
    actor: actorOf(change),
    ...(reason ? { reason } : {}),
    ...(change.action === 'INSERT' ? { after } : {}),
    ...(change.action === 'REMOVE' ? { before } : {}),
    ...(change.action === 'MODIFY' ? { changes: attributeChanges(before ?? {}, after ?? {}) } : {}),
    refs: refsOf(change.keys, image),
    sourceId: change.sourceId,
  };
}

/** The order that reached a final status in this change, if any: its trail is then sealed by a checkpoint. */
export function completedOrder(change: TableChange): string | undefined {
  if (change.action !== 'MODIFY' || !change.keys.PK.startsWith('ORDER#') || change.keys.SK !== 'ORDER') return undefined;
  const status = change.after?.status;
  const final = (FINAL_ORDER_STATUSES as readonly unknown[]).includes(status);
  return final && status !== change.before?.status ? change.keys.PK.slice('ORDER#'.length) : undefined;
}
