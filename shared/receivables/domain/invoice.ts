import { addDays, type CalendarDate } from '../../platform/domain/calendar-date.js';
import { multiply, sum, type DecimalString } from '../../platform/domain/money.js';

export interface ShippedLine {
  lineNo: number;
  gtin: string;
  shippedQuantity: number;
  unitPrice: DecimalString;
}

export interface InvoiceDraft {
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  currency: string;
  lines: { lineNo: number; gtin: string; quantity: number; unitPrice: DecimalString; amount: DecimalString }[];
  total: DecimalString;
}

/** Invoices bill what was shipped, at the price frozen on the order, never a price looked up again. */
export function draftInvoice(shipped: readonly ShippedLine[], terms: { currency: string; issueDate: CalendarDate; paymentTermsDays: number }): InvoiceDraft {
  const lines = shipped
    .filter((line) => line.shippedQuantity > 0)
    .map((line) => ({
      lineNo: line.lineNo,
      gtin: line.gtin,
      quantity: line.shippedQuantity,
      unitPrice: line.unitPrice,
      amount: multiply(line.unitPrice, line.shippedQuantity),
    }));
  return {
    issueDate: terms.issueDate,
    dueDate: addDays(terms.issueDate, terms.paymentTermsDays),
    currency: terms.currency,
    lines,
    total: sum(lines.map((line) => line.amount)),
  };
}
