import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { InvoiceEntity, OrderEntity } from '../../orders/data/entities.js';
import { table } from '../../platform/data/table.js';
import type { UnpaidInvoice } from '../domain/credit.js';
import { sum, type DecimalString } from '../../platform/domain/money.js';

export interface OpenExposure {
  openOrdersTotal: DecimalString;
  unpaidInvoices: UnpaidInvoice[];
}

/**
 * Reads the sparse exposure index: only orders that are priced and not yet
 * invoiced, and invoices not yet paid, carry a key there, so the query reads
 * what is open and never the customer's whole history.
 */
export async function openExposureOf(customerId: string, excludingOrderId: string): Promise<OpenExposure> {
  const orders: DecimalString[] = [];
  const invoices: UnpaidInvoice[] = [];
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(OrderEntity, InvoiceEntity)
    .query({ index: 'GSI1', partition: `EXPOSURE#${customerId}` })
    .options({ maxPages: Infinity })
    .send();
  for (const item of Items) {
    if (!('paymentStatus' in item) && item.orderId !== excludingOrderId) orders.push(item.exposureAmount ?? '0');
    if ('paymentStatus' in item) {
      invoices.push({ invoiceNumber: item.invoiceNumber, dueDate: item.dueDate, amount: item.exposureAmount ?? item.total });
    }
  }
  return { openOrdersTotal: sum(orders), unpaidInvoices: invoices };
}
