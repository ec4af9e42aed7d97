import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { $add, $remove } from 'dynamodb-toolbox/entity/actions/update';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { string } from 'dynamodb-toolbox/schema';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { table } from '../../platform/data/table.js';
import { CustomerPoEntity, IntakeKeyEntity, NearDuplicateClaimEntity, OrderEntity, OrderEventEntity } from './entities.js';
import { cancellationCodes, ConcurrentModificationError, conditionHeld } from '../../platform/data/errors.js';
import { cancellationReasons, executeNamed } from '../../platform/data/transaction.js';
import { replacingWhole } from '../../platform/data/whole-values.js';
import type { OrderStatus } from '../schemas/order.js';
import { epochSeconds } from '../../platform/domain/calendar-date.js';
import { ORDER_EVENTS, type OrderEventType } from '../domain/order-events.js';

export type OrderRecord = FormattedItem<typeof OrderEntity>;
export type OrderEventRecord = FormattedItem<typeof OrderEventEntity>;
export type NearDuplicateClaimRecord = FormattedItem<typeof NearDuplicateClaimEntity>;

/** The near-duplicate claim an original order takes in its create transaction. */
export interface NearDuplicateClaim {
  fingerprint: string;
  windowSeconds: number;
  /** An existing claim of a closed order (rejected, cancelled, merged) that this order may take over. */
  takeOverFrom?: string | undefined;
}

export type CreateOutcome = { created: true } | { created: false; claimedBy: NearDuplicateClaimRecord | undefined };
export type NewOrderRecord = Omit<InputItem<typeof OrderEntity>, 'version'>;

export class DuplicateCustomerPoError extends Error {
  override name = 'DuplicateCustomerPoError';
  constructor(readonly existingOrderId: string) {
    super(`customer PO already ordered as ${existingOrderId}`);
  }
}

export interface StageEvent {
  /** From the catalogue (shared/orders/domain/order-events.ts): `...ORDER_EVENTS.X.of(...)`. */
  eventId: string;
  type: OrderEventType;
  actor: string;
  detail?: Record<string, unknown>;
  /** Audit-trail contract: set on events of user and channel actions. */
  changedBy?: string;
  changeReason?: string;
}

const timelineOf = OrderEventEntity.build(AccessPattern)
  .schema(string())
  .pattern((orderId) => ({ partition: `ORDER#${orderId}`, range: { beginsWith: 'EVENT#' } }))
  .meta({ title: 'Timeline of an order', description: 'Access pattern 2' });

/**
 * The audit trail's actor for a stage: a named principal as is, a workflow
 * step as `system:{stage}` (the cross-team `changedBy` contract).
 */
export function changedByOf(event: Pick<StageEvent, 'actor' | 'type'>): string {
  return event.actor.includes(':') ? event.actor : `system:${event.type.toLowerCase()}`;
}

/**
 * Creates the order, claims its customer PO and records its first event, all
 * or nothing. With a near-duplicate claim, the order also claims its
 * fingerprint, unless another order holds it inside the window: then nothing
 * is written and the holder is returned (the caller stores the order as held
 * instead). Two near-identical orders at once: one claim wins, the other
 * transaction is cancelled.
 */
export async function createOrder(
  order: NewOrderRecord,
  event: StageEvent,
  at: string,
  claim?: NearDuplicateClaim,
  /** The hashed caller and Idempotency-Key the order was sent under (see IntakeKeyEntity): recorded with the order. */
  requestKey?: string,
): Promise<CreateOutcome> {
  const claimedAtEpoch = epochSeconds(at);
  const changedBy = order.changedBy ?? order.submittedBy;
  const transaction = {
    order: OrderEntity.build(PutTransaction)
      .item({ ...order, version: 1, changedBy })
      .options({ condition: { attr: 'orderId', exists: false } }),
    customerPo: CustomerPoEntity.build(PutTransaction)
      .item({ customerId: order.customerId, customerPo: order.customerPo, orderId: order.orderId, changedBy })
      .options({ condition: { attr: 'orderId', exists: false } }),
    firstEvent: OrderEventEntity.build(PutTransaction).item({ orderId: order.orderId, at, status: order.status, changedBy, ...event }),
    intakeKey: requestKey ? IntakeKeyEntity.build(PutTransaction).item({ requestKey, orderId: order.orderId, changedBy }) : undefined,
    nearDuplicateClaim: claim
      ? NearDuplicateClaimEntity.build(PutTransaction)
          .item({
            customerId: order.customerId,
            fingerprint: claim.fingerprint,
            orderId: order.orderId,
            customerPo: order.customerPo,
            claimedAt: at,
            claimedAtEpoch,
            expiresAtEpoch: claimedAtEpoch + claim.windowSeconds,
            changedBy,
          })
          .options({
            condition: {
              or: [
                { attr: 'orderId', exists: false },
                // Expired but not yet removed by TTL.
                { attr: 'claimedAtEpoch', lte: claimedAtEpoch - claim.windowSeconds },
                ...(claim.takeOverFrom ? [{ attr: 'orderId', eq: claim.takeOverFrom } as const] : []),
              ],
            },
          })
      : undefined,
  };
  try {
    await executeNamed(transaction);
    return { created: true };
  } catch (error) {
    const reasons = cancellationReasons(error, transaction);
    if (reasons?.customerPo === 'ConditionalCheckFailed') {
      const po = await CustomerPoEntity.build(GetItemCommand)
        .key({ customerId: order.customerId, customerPo: order.customerPo })
        .options({ consistent: true })
        .send();
      throw new DuplicateCustomerPoError(po.Item?.orderId ?? 'unknown');
    }
    if (claim && reasons?.nearDuplicateClaim === 'ConditionalCheckFailed') {
      return { created: false, claimedBy: await findNearDuplicateClaim(order.customerId, claim.fingerprint) };
    }
    // Two near-identical orders at once: one of the transactions is cancelled
    // as a conflict; the caller retries and then finds the winner's claim.
    if (claim && cancellationCodes(error)?.includes('TransactionConflict')) return { created: false, claimedBy: undefined };
    throw error;
  }
}

/** The order a hashed caller and Idempotency-Key wrote (access pattern 79). */
export async function findOrderIdByRequestKey(requestKey: string): Promise<string | undefined> {
  const { Item } = await IntakeKeyEntity.build(GetItemCommand).key({ requestKey }).options({ consistent: true }).send();
  return Item?.orderId;
}

export async function findNearDuplicateClaim(customerId: string, fingerprint: string): Promise<NearDuplicateClaimRecord | undefined> {
  const { Item } = await NearDuplicateClaimEntity.build(GetItemCommand).key({ customerId, fingerprint }).options({ consistent: true }).send();
  return Item;
}

export async function findOrder(orderId: string): Promise<OrderRecord | undefined> {
  const { Item } = await OrderEntity.build(GetItemCommand).key({ orderId }).options({ consistent: true }).send();
  return Item;
}

export async function getOrder(orderId: string): Promise<OrderRecord> {
  const order = await findOrder(orderId);
  if (!order) throw new Error(`order ${orderId} not found`);
  return order;
}

/**
 * Access pattern 4, orders only: a customer's orders that count towards its credit exposure (priced and not
 * invoiced or closed), read from the sparse index, so the stuck-order sweep never reads a customer's history.
 */
export async function exposedOrdersOf(customerId: string): Promise<OrderRecord[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(OrderEntity)
    .query({ index: 'GSI1', partition: `EXPOSURE#${customerId}` })
    .options({ maxPages: Infinity })
    .send();
  return Items;
}

export async function getTimeline(orderId: string): Promise<OrderEventRecord[]> {
  const { Items = [] } = await timelineOf.query(orderId).send();
  return [...Items].sort((a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId));
}

export type OrderChanges = Partial<Omit<NewOrderRecord, 'orderId' | 'status'>> & {
  /** Attributes to delete, such as the exposure index keys once an order stops counting. */
  remove?: readonly ('exposureCustomer' | 'exposureSort' | 'exposureAmount' | 'statusReason' | 'awaitingStockSince')[];
};

/**
 * Moves an order to a new status with its event, conditional on the version
 * that was read. A stage that runs twice (a Step Functions retry after a
 * timeout) finds its event already written and changes nothing.
 * Returns false when this stage had already been recorded.
 */
export async function recordTransition(
  order: Pick<OrderRecord, 'orderId' | 'version'>,
  status: OrderStatus,
  changes: OrderChanges,
  event: StageEvent,
  at: string,
): Promise<boolean> {
  const { remove = [], ...set } = changes;
  const removals = Object.fromEntries(remove.map((attribute) => [attribute, $remove()]));
  const replacements = replacingWhole(set);
  const transaction = {
    order: OrderEntity.build(UpdateTransaction)
      .item({
        orderId: order.orderId,
        ...replacements,
        ...removals,
        status,
        version: $add(1),
        changedBy: changedByOf(event),
        // A stale reason from an earlier change must not be read as this one's.
        changeReason: changes.statusReason ?? $remove(),
      })
      .options({ condition: { attr: 'version', eq: order.version } }),
    event: OrderEventEntity.build(PutTransaction)
      .item({ orderId: order.orderId, at, status, ...event, changedBy: changedByOf(event) })
      .options({ condition: { attr: 'eventId', exists: false } }),
  };
  try {
    await executeNamed(transaction);
    return true;
  } catch (error) {
    const reasons = cancellationReasons(error, transaction);
    if (reasons?.event === 'ConditionalCheckFailed') return false;
    if (reasons?.order === 'ConditionalCheckFailed') {
      throw new ConcurrentModificationError(`order ${order.orderId} changed since version ${order.version}`);
    }
    throw error;
  }
}

/**
 * Adds an event to an order's timeline without touching the order item, so
 * parallel approvers never contend for its version. Put only if absent.
 */
export async function appendEvent(orderId: string, status: OrderStatus, event: StageEvent, at: string): Promise<boolean> {
  return conditionHeld(
    OrderEventEntity.build(PutItemCommand)
      .item({ orderId, at, status, ...event })
      .options({ condition: { attr: 'eventId', exists: false } })
      .send(),
  );
}

export interface MergeWrite {
  held: Pick<OrderRecord, 'orderId' | 'version'>;
  target: Pick<OrderRecord, 'orderId' | 'version' | 'status'>;
  /** The combined lines (priced when the target was), total and the PO list of the target. */
  targetChanges: Omit<OrderChanges, 'remove'>;
  changedBy: string;
  changeReason: string;
}

/**
 * Closes the held order as MERGED and writes the combined content into the
 * target, with an event on each, all or nothing. Both updates are conditional
 * on the version read (and the target on its status too), so a concurrent
 * merge, a workflow step or a second click cannot interleave; the events are
 * put only if absent, so a retried merge writes nothing twice.
 */
export async function mergeOrders(write: MergeWrite, at: string): Promise<void> {
  const { held, target, changedBy, changeReason } = write;
  const replacements = replacingWhole(write.targetChanges);
  try {
    await execute(
      OrderEntity.build(UpdateTransaction)
        .item({
          orderId: held.orderId,
          status: 'MERGED',
          statusReason: `merged into ${target.orderId}`,
          mergedInto: target.orderId,
          changedBy,
          changeReason,
          version: $add(1),
        })
        .options({
          condition: {
            and: [
              { attr: 'version', eq: held.version },
              { attr: 'status', eq: 'POSSIBLE_DUPLICATE' },
            ],
          },
        }),
      OrderEntity.build(UpdateTransaction)
        .item({ orderId: target.orderId, ...replacements, changedBy, changeReason, version: $add(1) })
        .options({
          condition: {
            and: [
              { attr: 'version', eq: target.version },
              { attr: 'status', eq: target.status },
            ],
          },
        }),
      OrderEventEntity.build(PutTransaction)
        .item({
          orderId: held.orderId,
          ...ORDER_EVENTS.MERGED_INTO.of(target.orderId),
          at,
          actor: changedBy,
          status: 'MERGED',
          changedBy,
          changeReason,
          detail: { targetOrderId: target.orderId },
        })
        .options({ condition: { attr: 'eventId', exists: false } }),
      OrderEventEntity.build(PutTransaction)
        .item({
          orderId: target.orderId,
          ...ORDER_EVENTS.MERGED_FROM.of(held.orderId),
          at,
          actor: changedBy,
          status: target.status,
          changedBy,
          changeReason,
          detail: { heldOrderId: held.orderId, lines: write.targetChanges.lines, total: write.targetChanges.total },
        })
        .options({ condition: { attr: 'eventId', exists: false } }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) {
      throw new ConcurrentModificationError(`order ${held.orderId} or ${target.orderId} changed while merging`);
    }
    throw error;
  }
}
