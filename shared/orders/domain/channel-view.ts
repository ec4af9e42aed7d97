import type { ChannelOrderView, ChannelTimelineEvent, OrderView } from '../schemas/order.js';
import { ORDER_EVENTS, type OrderEventType } from './order-events.js';

/**
 * The timeline events a channel sees: what happened to its order, in its
 * terms. Left out: the credit check, approvals requested, escalated, signed,
 * expired or locked, re-checks, the warehouse's pick rounds, the archive and
 * an operator's attention; the status the order is in says the rest.
 */
export const CUSTOMER_FACING_EVENTS: ReadonlySet<OrderEventType> = new Set([
  ORDER_EVENTS.RECEIVED.type,
  ORDER_EVENTS.HELD_AS_POSSIBLE_DUPLICATE.type,
  ORDER_EVENTS.KEPT_AS_SEPARATE_ORDER.type,
  ORDER_EVENTS.MERGED_FROM.type,
  ORDER_EVENTS.MERGED_INTO.type,
  ORDER_EVENTS.VALIDATED.type,
  ORDER_EVENTS.PRICED.type,
  ORDER_EVENTS.PO_ACKNOWLEDGED.type,
  ORDER_EVENTS.PO_ACKNOWLEDGMENT_REPLACED.type,
  ORDER_EVENTS.AWAITING_APPROVAL.type,
  ORDER_EVENTS.APPROVED.type,
  ORDER_EVENTS.STOCK_SHORT.type,
  ORDER_EVENTS.STOCK_ALLOCATED.type,
  ORDER_EVENTS.SHIPPED.type,
  ORDER_EVENTS.INVOICED.type,
  ORDER_EVENTS.REJECTED.type,
  ORDER_EVENTS.FAILED.type,
  ORDER_EVENTS.CANCELLED.type,
]);

const isCustomerFacing = (type: string): boolean => (CUSTOMER_FACING_EVENTS as ReadonlySet<string>).has(type);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * The channel's view of an order, built from the staff view by naming what a
 * channel may read (never by removing what it may not: a field added to the
 * staff view stays internal until it is named here and in ChannelOrderView).
 * Timeline events keep their type, time and status, never who did them or
 * their detail; shipments come from the shipped event, without who picked.
 */
export function channelViewOf(view: OrderView): ChannelOrderView {
  const shipments = view.timeline
    .filter((event) => event.type === ORDER_EVENTS.SHIPPED.type)
    .flatMap((event) => {
      const shipmentId = text(event.detail?.shipmentId);
      const shipFrom = text(event.detail?.shipFrom);
      return shipmentId ? [{ shipmentId, shippedAt: event.at, ...(shipFrom ? { shipFrom } : {}) }] : [];
    });
  const timeline: ChannelTimelineEvent[] = view.timeline.filter((event) => isCustomerFacing(event.type)).map(({ type, at, status }) => ({ type, at, status }));
  return {
    orderId: view.orderId,
    status: view.status,
    ...(view.statusReason !== undefined ? { statusReason: view.statusReason } : {}),
    channel: view.channel,
    customerId: view.customerId,
    customerPo: view.customerPo,
    ...(view.additionalCustomerPos ? { additionalCustomerPos: view.additionalCustomerPos } : {}),
    ...(view.possibleDuplicate ? { possibleDuplicate: view.possibleDuplicate } : {}),
    ...(view.mergedInto ? { mergedInto: view.mergedInto } : {}),
    ...(view.mergedFrom ? { mergedFrom: view.mergedFrom } : {}),
    ...(view.intakeConflicts ? { intakeConflicts: view.intakeConflicts } : {}),
    ...(view.requestedDeliveryDate ? { requestedDeliveryDate: view.requestedDeliveryDate } : {}),
    shipTo: view.shipTo,
    ...(view.currency ? { currency: view.currency } : {}),
    ...(view.total ? { total: view.total } : {}),
    lines: view.lines.map(({ explanation: _explanation, ...line }) => line),
    shipments,
    ...(view.invoice ? { invoice: view.invoice } : {}),
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    timeline,
    links: view.links,
  };
}
