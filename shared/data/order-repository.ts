import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { $add, $remove, $set } from 'dynamodb-toolbox/entity/actions/update';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { string } from 'dynamodb-toolbox/schema';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { CustomerPoEntity, OrderEntity, OrderEventEntity } from './entities/orders.js';
import { cancellationCodes, ConcurrentModificationError, isConditionFailure } from './errors.js';
import type { OrderStatus } from '../schemas/order.js';

export type OrderRecord = FormattedItem<typeof OrderEntity>;
export type OrderEventRecord = FormattedItem<typeof OrderEventEntity>;
export type NewOrderRecord = Omit<InputItem<typeof OrderEntity>, 'version'>;

export class DuplicateCustomerPoError extends Error {
  override name = 'DuplicateCustomerPoError';
  constructor(readonly existingOrderId: string) {
    super(`customer PO already ordered as ${existingOrderId}`);
  }
}

export interface StageEvent {
  eventId: string;
  type: string;
  actor: string;
  detail?: Record<string, unknown>;
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

/** Creates the order, claims its customer PO and records RECEIVED, all or nothing. */
export async function createOrder(order: NewOrderRecord, event: StageEvent, at: string): Promise<void> {
  try {
    await execute(
      OrderEntity.build(PutTransaction)
        .item({ ...order, version: 1, changedBy: order.submittedBy })
        .options({ condition: { attr: 'orderId', exists: false } }),
      CustomerPoEntity.build(PutTransaction)
        .item({ customerId: order.customerId, customerPo: order.customerPo, orderId: order.orderId, changedBy: order.submittedBy })
        .options({ condition: { attr: 'orderId', exists: false } }),
      OrderEventEntity.build(PutTransaction).item({ orderId: order.orderId, at, status: order.status, ...event, changedBy: order.submittedBy }),
    );
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[1] === 'ConditionalCheckFailed') {
      const claim = await CustomerPoEntity.build(GetItemCommand)
        .key({ customerId: order.customerId, customerPo: order.customerPo })
        .send();
      throw new DuplicateCustomerPoError(claim.Item?.orderId ?? 'unknown');
    }
    throw error;
  }
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
  // Maps and lists are replaced whole: a toolbox update would otherwise patch
  // them path by path, which fails when the attribute does not exist yet.
  const replacements = Object.fromEntries(
    Object.entries(set).map(([attribute, value]) => [attribute, value !== null && typeof value === 'object' ? $set(value) : value]),
  );
  try {
    await execute(
      OrderEntity.build(UpdateTransaction)
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
      OrderEventEntity.build(PutTransaction)
        .item({ orderId: order.orderId, at, status, ...event, changedBy: changedByOf(event) })
        .options({ condition: { attr: 'eventId', exists: false } }),
    );
    return true;
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[1] === 'ConditionalCheckFailed') return false;
    if (codes?.[0] === 'ConditionalCheckFailed') {
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
  try {
    await OrderEventEntity.build(PutItemCommand)
      .item({ orderId, at, status, ...event })
      .options({ condition: { attr: 'eventId', exists: false } })
      .send();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
