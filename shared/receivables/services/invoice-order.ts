import { findCustomer } from '../../master-data/data/master-data-repository.js';
import { putInvoiceOnce } from '../data/invoice-repository.js';
import { changedByOf, getOrder, recordTransition } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { newInvoiceNumber } from '../../platform/domain/ids.js';
import { draftInvoice } from '../domain/invoice.js';

/**
 * Bills the shipped quantities at the order's frozen prices. The exposure
 * moves from the order to the unpaid invoice in the same step, so the
 * customer's credit position never counts it twice or not at all for long.
 */
export async function invoiceStep(orderId: string, now: Date = new Date()): Promise<void> {
  const order = await getOrder(orderId);
  const customer = await findCustomer(order.customerId);
  if (!customer) throw new Error(`customer ${order.customerId} disappeared before invoicing`);
  if (!order.currency) throw new Error(`order ${orderId} reached invoicing without a currency`);
  const draft = draftInvoice(
    order.lines.map((line) => {
      if (!line.unitPrice) throw new Error(`order ${orderId} line ${line.lineNo} has no price`);
      const shippedQuantity = (line.allocations ?? []).reduce((total, pick) => total + pick.quantity, 0);
      return { lineNo: line.lineNo, gtin: line.gtin, shippedQuantity, unitPrice: line.unitPrice };
    }),
    { currency: order.currency, issueDate: utcDateOf(now), paymentTermsDays: customer.paymentTermsDays },
  );
  const invoiceNumber = newInvoiceNumber(orderId);
  const invoiced = { ...ORDER_EVENTS.INVOICED.of(), actor: 'workflow' };
  await putInvoiceOnce({
    orderId,
    invoiceNumber,
    customerId: order.customerId,
    ...draft,
    paymentStatus: 'UNPAID',
    exposureCustomer: order.customerId,
    exposureSort: `INVOICE#${invoiceNumber}`,
    exposureAmount: draft.total,
    changedBy: changedByOf(invoiced),
    changeReason: `invoice for order ${orderId}`,
  });
  await recordTransition(
    order,
    'INVOICED',
    { invoiceNumber, remove: ['exposureCustomer', 'exposureSort', 'exposureAmount'] },
    { ...invoiced, detail: { invoiceNumber, total: draft.total, dueDate: draft.dueDate } },
    now.toISOString(),
  );
}
