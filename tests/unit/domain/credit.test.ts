import { describe, expect, it } from 'vitest';
import { assessCredit, type CreditPosition, type UnpaidInvoice } from '../../../shared/approvals/domain/credit.js';

const invoice = (amount: string, dueDate = '2026-12-31', invoiceNumber = 'INV-1'): UnpaidInvoice => ({ invoiceNumber, dueDate, amount });
const position = (overrides: Partial<CreditPosition> = {}): CreditPosition => ({
  customerStatus: 'ACTIVE',
  creditLimit: '50000.00',
  openOrdersTotal: '20000.00',
  unpaidInvoices: [invoice('10000.00')],
  ...overrides,
});
const terms = { asOf: '2026-11-25', overdueGraceDays: 15 };

describe('given an active customer with room under the credit limit', () => {
  it('when an order fits, then credit is OK and the exposure is open orders + unpaid invoices + this order', () => {
    expect(assessCredit(position(), '5000.00', terms)).toEqual({ status: 'OK', exposure: '35000.00', creditLimit: '50000.00' });
  });

  it('when the order brings exposure exactly to the limit, then credit is still OK', () => {
    expect(assessCredit(position(), '20000.00', terms)).toEqual({ status: 'OK', exposure: '50000.00', creditLimit: '50000.00' });
  });

  it('when limit and exposure are equal but written with different scales, then credit is OK', () => {
    expect(assessCredit(position({ creditLimit: '50000', openOrdersTotal: '0', unpaidInvoices: [] }), '50000.00', terms).status).toBe('OK');
  });

  it('when the amounts would suffer float artefacts, then the exposure is still exact', () => {
    const decision = assessCredit(position({ creditLimit: '0.30', openOrdersTotal: '0.1', unpaidInvoices: [invoice('0.1')] }), '0.1', terms);
    expect(decision).toEqual({ status: 'OK', exposure: '0.30', creditLimit: '0.30' });
  });

  it('when several unpaid invoices exist, then all of them count', () => {
    const decision = assessCredit(
      position({ unpaidInvoices: [invoice('100.10', '2026-12-01', 'A'), invoice('200.20', '2026-12-02', 'B')], openOrdersTotal: '0' }),
      '0.00',
      terms,
    );
    expect(decision.exposure).toBe('300.30');
  });
});

describe('given an active customer near the credit limit', () => {
  it('when the order takes exposure one cent over the limit, then it is a credit hold naming the figures', () => {
    expect(assessCredit(position(), '20000.01', terms)).toEqual({
      status: 'HOLD',
      exposure: '50000.01',
      creditLimit: '50000.00',
      reason: 'exposure 50000.01 exceeds credit limit 50000.00',
    });
  });

  it('when the credit limit is zero, then any order is a credit hold', () => {
    expect(assessCredit(position({ creditLimit: '0.00', openOrdersTotal: '0', unpaidInvoices: [] }), '0.01', terms).status).toBe('HOLD');
  });
});

describe('given a blocked customer', () => {
  it('when it orders, even within its limit, then it is a credit hold because it is blocked', () => {
    expect(assessCredit(position({ customerStatus: 'BLOCKED' }), '1.00', terms)).toMatchObject({ status: 'HOLD', reason: 'customer is blocked' });
  });

  it('when it is also over the limit, then both causes are named', () => {
    const decision = assessCredit(position({ customerStatus: 'BLOCKED' }), '30000.00', terms);
    expect(decision).toMatchObject({ status: 'HOLD', reason: 'customer is blocked; exposure 60000.00 exceeds credit limit 50000.00' });
  });
});

describe('given unpaid invoices and a grace period of 15 days', () => {
  it('when an invoice is due 15 days ago (the last day of grace), then it does not hold the order', () => {
    expect(assessCredit(position({ unpaidInvoices: [invoice('10.00', '2026-11-10')] }), '1.00', terms).status).toBe('OK');
  });

  it('when an invoice is due 16 days ago, then the order is on credit hold naming the invoice', () => {
    const decision = assessCredit(position({ unpaidInvoices: [invoice('10.00', '2026-11-09', 'INV-OLD')] }), '1.00', terms);
    expect(decision).toMatchObject({ status: 'HOLD', reason: 'invoice overdue beyond 15 days grace: INV-OLD (due 2026-11-09)' });
  });

  it('when the grace period is zero, then the day after the due date already holds', () => {
    expect(assessCredit(position({ unpaidInvoices: [invoice('10.00', '2026-11-24')] }), '1.00', { ...terms, overdueGraceDays: 0 }).status).toBe('HOLD');
    expect(assessCredit(position({ unpaidInvoices: [invoice('10.00', '2026-11-25')] }), '1.00', { ...terms, overdueGraceDays: 0 }).status).toBe('OK');
  });
});
