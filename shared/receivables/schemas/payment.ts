import { z } from 'zod';
import { CalendarDateString, CurrencyCode, DecimalAmount, UtcTimestamp } from '../../platform/schemas/common.js';

export const PAYMENT_METHODS = ['BANK_TRANSFER', 'DIRECT_DEBIT', 'CHECK', 'CARD', 'OTHER'] as const;
export const PAYMENT_STATUSES = ['UNPAID', 'PARTIALLY_PAID', 'PAID'] as const;
export const PaymentStatus = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const InvoiceNumber = z
  .string()
  .regex(/^INV-[0-9A-Z]{26}$/, 'must be an invoice number such as INV-01JD8Y3R6W2M9T0QZ5K7XB4C1N')
  .meta({ description: 'The invoice number printed on the invoice', example: 'INV-01JD8Y3R6W2M9T0QZ5K7XB4C1N' });

export const RecordPaymentRequest = z
  .object({
    paymentReference: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'must be 1 to 64 letters, digits, ".", "_", "/" or "-" (the bank statement reference)')
      .meta({
        description:
          "The bank's reference of the payment (statement line, cheque number). Recording the same reference again is a replay, never a second payment.",
        example: 'CAMT-20261124-000187',
      }),
    amount: DecimalAmount,
    currency: CurrencyCode,
    receivedOn: CalendarDateString.meta({ description: 'Value date of the payment on the bank statement' }),
    method: z.enum(PAYMENT_METHODS),
    note: z.string().max(500).optional(),
  })
  .strict()
  .meta({ id: 'RecordPaymentRequest', description: 'One payment received against one invoice (cash application)' });
export type RecordPaymentRequest = z.infer<typeof RecordPaymentRequest>;

export const PaymentView = z
  .object({
    paymentReference: z.string(),
    amount: DecimalAmount,
    currency: CurrencyCode,
    receivedOn: CalendarDateString,
    method: z.enum(PAYMENT_METHODS),
    note: z.string().optional(),
    recordedBy: z.string(),
    recordedAt: UtcTimestamp,
  })
  .meta({ id: 'Payment' });
export type PaymentView = z.infer<typeof PaymentView>;

export const InvoiceAccount = z
  .object({
    invoiceNumber: z.string(),
    orderId: z.string(),
    customerId: z.string(),
    issueDate: CalendarDateString,
    dueDate: CalendarDateString,
    currency: CurrencyCode,
    total: DecimalAmount,
    amountPaid: DecimalAmount,
    openBalance: DecimalAmount,
    paymentStatus: PaymentStatus,
    payments: z.array(PaymentView),
  })
  .meta({ id: 'InvoiceAccount', description: 'An invoice with the payments applied to it and what is still open' });
export type InvoiceAccount = z.infer<typeof InvoiceAccount>;

export const PaymentRecorded = z
  .object({
    replayed: z.boolean().meta({ description: 'True when this payment reference had been recorded before with the same amount: nothing was applied twice' }),
    payment: PaymentView,
    invoice: InvoiceAccount,
  })
  .meta({ id: 'PaymentRecorded' });
export type PaymentRecorded = z.infer<typeof PaymentRecorded>;
