import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { $remove } from 'dynamodb-toolbox/entity/actions/update';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { string } from 'dynamodb-toolbox/schema';
import type { PaymentStatus } from '../schemas/payment.js';
import { InvoiceEntity, PaymentEntity } from '../../orders/data/entities.js';
import { cancellationCodes } from '../../platform/data/errors.js';
import { cancellationReasons, executeNamed } from '../../platform/data/transaction.js';
import type { InvoiceRecord } from './invoice-repository.js';

export type PaymentRecord = FormattedItem<typeof PaymentEntity>;
export type NewPayment = InputItem<typeof PaymentEntity>;

const paymentsOfOrder = PaymentEntity.build(AccessPattern)
  .schema(string())
  .pattern((orderId) => ({ partition: `ORDER#${orderId}`, range: { beginsWith: 'PAYMENT#' } }))
  .meta({ title: 'Payments applied to the invoice of an order', description: 'Access pattern 61' });

export async function paymentsOf(orderId: string): Promise<PaymentRecord[]> {
  const { Items = [] } = await paymentsOfOrder.query(orderId).options({ consistent: true }).send();
  return [...Items].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.paymentReference.localeCompare(b.paymentReference));
}

export async function findPayment(orderId: string, paymentReference: string): Promise<PaymentRecord | undefined> {
  const { Item } = await PaymentEntity.build(GetItemCommand).key({ orderId, paymentReference }).options({ consistent: true }).send();
  return Item;
}

export interface InvoiceAfterPayment {
  amountPaid: string;
  openBalance: string;
  paymentStatus: PaymentStatus;
}

/**
 * Writes the payment (once per bank reference) and moves the invoice's paid
 * amount and credit exposure in one transaction, conditional on the paid
 * amount that was read: two clerks applying payments to one invoice at once
 * can never both apply against the same open balance. A paid invoice leaves
 * the exposure index, so the customer's credit check stops counting it.
 */
export async function applyPaymentToInvoice(
  invoice: InvoiceRecord,
  payment: NewPayment,
  next: InvoiceAfterPayment,
): Promise<'APPLIED' | 'REFERENCE_TAKEN' | 'INVOICE_CHANGED'> {
  const exposure =
    next.paymentStatus === 'PAID' ? { exposureCustomer: $remove(), exposureSort: $remove(), exposureAmount: $remove() } : { exposureAmount: next.openBalance };
  const transaction = {
    payment: PaymentEntity.build(PutTransaction)
      .item(payment)
      .options({ condition: { attr: 'invoiceNumber', exists: false } }),
    invoice: InvoiceEntity.build(UpdateTransaction)
      .item({
        orderId: invoice.orderId,
        amountPaid: next.amountPaid,
        paymentStatus: next.paymentStatus,
        ...exposure,
        changedBy: payment.changedBy,
        changeReason: payment.changeReason,
      })
      .options({
        condition:
          invoice.amountPaid === undefined
            ? {
                and: [
                  { attr: 'paymentStatus', eq: invoice.paymentStatus },
                  { attr: 'amountPaid', exists: false },
                ],
              }
            : {
                and: [
                  { attr: 'paymentStatus', eq: invoice.paymentStatus },
                  { attr: 'amountPaid', eq: invoice.amountPaid },
                ],
              },
      }),
  };
  try {
    await executeNamed(transaction);
    return 'APPLIED';
  } catch (error) {
    const reasons = cancellationReasons(error, transaction);
    if (reasons?.payment === 'ConditionalCheckFailed') return 'REFERENCE_TAKEN';
    if (reasons?.invoice === 'ConditionalCheckFailed' || cancellationCodes(error)?.includes('TransactionConflict')) return 'INVOICE_CHANGED';
    throw error;
  }
}
