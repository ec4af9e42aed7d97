import { signaturesOf } from '../../approvals/data/approval-repository.js';
import { findInvoice } from '../../receivables/data/invoice-repository.js';
import { findOrder, getTimeline } from '../data/order-repository.js';
import { openBalanceOf } from '../../receivables/domain/payment.js';
import { OrderView, type Channel, type OrderView as OrderViewType } from '../schemas/order.js';
import { orderLinks, resolutionLinks } from './links.js';

export interface Viewer {
  channel?: Channel;
  /** Staff roles see every order; a channel sees only the orders it submitted. */
  staff: boolean;
}

/** The order as its submitter may see it, or undefined when it does not exist for this viewer. */
export async function viewOrder(orderId: string, viewer: Viewer): Promise<OrderViewType | undefined> {
  const order = await findOrder(orderId);
  if (!order) return undefined;
  // An order of another channel is reported as absent, so ids cannot be probed.
  if (!viewer.staff && order.channel !== viewer.channel) return undefined;
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
