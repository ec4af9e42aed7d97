import { signaturesOf } from '../../approvals/data/approval-repository.js';
import { findInvoice } from '../../receivables/data/invoice-repository.js';
import { findOrder, getTimeline } from '../data/order-repository.js';
import { openBalanceOf } from '../../receivables/domain/payment.js';
import { ChannelOrderView, OrderView, type OrderView as OrderViewType } from '../schemas/order.js';
import { channelViewOf } from '../domain/channel-view.js';
import { mayRead, type OrderReader } from '../domain/order-readers.js';
import { orderLinks, resolutionLinks } from './links.js';

export type { OrderReader } from '../domain/order-readers.js';

/** What a reader gets: staff the full order, a channel its own order in the channel's terms. */
export type ReadOrder = { view: 'staff'; order: OrderViewType } | { view: 'channel'; order: ChannelOrderView };

/**
 * The order for this reader, or undefined when it does not exist for them:
 * another partner's order is reported as absent, so ids cannot be probed.
 */
export async function readOrder(orderId: string, reader: OrderReader): Promise<ReadOrder | undefined> {
  const order = await findOrder(orderId);
  if (!order || !mayRead(order, reader)) return undefined;
  const staffView = await viewOrder(order);
  return reader.staff ? { view: 'staff', order: staffView } : { view: 'channel', order: ChannelOrderView.parse(channelViewOf(staffView)) };
}

/** The staff view of an order: everything, with the approvals, signatures and the timeline's detail. */
async function viewOrder(order: NonNullable<Awaited<ReturnType<typeof findOrder>>>): Promise<OrderViewType> {
  const { orderId } = order;
  const [timeline, invoice, signatures] = await Promise.all([getTimeline(orderId), findInvoice(orderId), signaturesOf(orderId)]);
  return OrderView.parse({
    orderId: order.orderId,
    status: order.status,
    statusReason: order.statusReason,
    channel: order.channel,
    customerId: order.customerId,
    customerPo: order.customerPo,
    additionalCustomerPos: order.additionalCustomerPos,
    possibleDuplicate: order.possibleDuplicate,
    mergedInto: order.mergedInto,
    mergedFrom: order.mergedFrom,
    intakeConflicts: order.intakeConflicts,
    requestedDeliveryDate: order.requestedDeliveryDate,
    shipTo: order.shipTo,
    currency: order.currency,
    total: order.total,
    approvalReasons: order.approvalReasons,
    requiredApprovals: order.requiredApprovals,
    // Signature manifestations are shown wherever the order is shown (21 CFR 11.50(b)).
    signatures: signatures.map(({ orderId: _orderId, changedBy: _changedBy, ...signature }) => signature),
    lines: order.lines,
    invoice: invoice && {
      invoiceNumber: invoice.invoiceNumber,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      currency: invoice.currency,
      total: invoice.total,
      paymentStatus: invoice.paymentStatus,
      openBalance: openBalanceOf({ total: invoice.total, amountPaid: invoice.amountPaid ?? '0.00' }),
    },
    archive: order.archive,
    createdAt: order.created,
    updatedAt: order.modified,
    timeline: timeline.map(({ eventId, type, at, actor, status, detail }) => ({ eventId, type, at, actor, status, detail })),
    links: order.status === 'POSSIBLE_DUPLICATE' ? { ...orderLinks(orderId), ...resolutionLinks(orderId) } : orderLinks(orderId),
  });
}
