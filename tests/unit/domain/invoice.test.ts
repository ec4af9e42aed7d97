import { describe, expect, it } from 'vitest';
import { draftInvoice, type ShippedLine } from '../../../shared/receivables/domain/invoice.js';

const terms = { currency: 'EUR', issueDate: '2025-12-15', paymentTermsDays: 30 };

describe('given shipped lines with prices frozen on the order', () => {
  const shipped: ShippedLine[] = [
    { lineNo: 1, gtin: '05012345678900', shippedQuantity: 2, unitPrice: '1250.00' },
    { lineNo: 2, gtin: '00036000291452', shippedQuantity: 3, unitPrice: '0.1' },
  ];

  it('when the invoice is drafted, then each line bills the shipped quantity at the frozen price', () => {
    const invoice = draftInvoice(shipped, terms);
    expect(invoice.lines).toEqual([
      { lineNo: 1, gtin: '05012345678900', quantity: 2, unitPrice: '1250.00', amount: '2500.00' },
      { lineNo: 2, gtin: '00036000291452', quantity: 3, unitPrice: '0.1', amount: '0.30' },
    ]);
  });

  it('when the invoice is drafted, then the total is the exact sum of the line amounts', () => {
    expect(draftInvoice(shipped, terms).total).toBe('2500.30');
  });

  it('when the invoice is drafted, then it carries the currency and issue date of the terms', () => {
    const invoice = draftInvoice(shipped, terms);
    expect(invoice.currency).toBe('EUR');
    expect(invoice.issueDate).toBe('2025-12-15');
  });
});

describe('given a partial shipment', () => {
  it('when a line shipped nothing, then it is left off the invoice', () => {
    const invoice = draftInvoice(
      [
        { lineNo: 1, gtin: '05012345678900', shippedQuantity: 0, unitPrice: '1250.00' },
        { lineNo: 2, gtin: '00036000291452', shippedQuantity: 1, unitPrice: '12.50' },
      ],
      terms,
    );
    expect(invoice.lines.map((line) => line.lineNo)).toEqual([2]);
    expect(invoice.total).toBe('12.50');
  });

  it('when nothing shipped at all, then the invoice has no lines and a zero total', () => {
    const invoice = draftInvoice([{ lineNo: 1, gtin: '05012345678900', shippedQuantity: 0, unitPrice: '1.00' }], terms);
    expect(invoice.lines).toEqual([]);
    expect(invoice.total).toBe('0.00');
  });
});

describe('given a frozen price with sub-cent digits', () => {
  it('when billed, then each line amount is rounded half-even to cents and the total adds the rounded amounts', () => {
    const invoice = draftInvoice(
      [
        { lineNo: 1, gtin: '05012345678900', shippedQuantity: 3, unitPrice: '12.345' },
        { lineNo: 2, gtin: '05012345678900', shippedQuantity: 1, unitPrice: '0.005' },
      ],
      terms,
    );
    expect(invoice.lines.map((line) => line.amount)).toEqual(['37.04', '0.00']);
    expect(invoice.total).toBe('37.04');
  });
});

describe('given payment terms', () => {
  it.each([
    ['2025-12-15', 30, '2026-01-14'],
    ['2024-01-30', 30, '2024-02-29'],
    ['2025-01-30', 30, '2025-03-01'],
    ['2025-03-31', 0, '2025-03-31'],
    ['2025-06-01', 60, '2025-07-31'],
  ])('when issued on %s with net %i days, then it is due on %s', (issueDate, paymentTermsDays, dueDate) => {
    expect(draftInvoice([], { currency: 'EUR', issueDate, paymentTermsDays }).dueDate).toBe(dueDate);
  });

  it('when the issue date is not a calendar date, then drafting refuses it', () => {
    expect(() => draftInvoice([], { currency: 'EUR', issueDate: '2025-02-30', paymentTermsDays: 30 })).toThrow(/not a calendar date/);
  });
});
