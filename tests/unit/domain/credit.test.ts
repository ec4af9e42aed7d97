import { describe, expect, it } from 'vitest';
import { assessCredit, type CreditPosition } from '../../../shared/domain/credit.js';

const position = (overrides: Partial<CreditPosition> = {}): CreditPosition => ({
  customerStatus: 'ACTIVE',
  creditLimit: '50000.00',
  openOrdersTotal: '20000.00',
  unpaidInvoicesTotal: '10000.00',
  ...overrides,
});

describe('given an active customer with room under the credit limit', () => {
  it('when an order fits, then credit is OK and the exposure is open orders + unpaid invoices + this order', () => {
    expect(assessCredit(position(), '5000.00')).toEqual({ status: 'OK', exposure: '35000.00', creditLimit: '50000.00' });
  });

  it('when the order brings exposure exactly to the limit, then credit is still OK', () => {
    expect(assessCredit(position(), '20000.00')).toEqual({ status: 'OK', exposure: '50000.00', creditLimit: '50000.00' });
  });

  it('when the limit and exposure are written with different scales but are equal, then credit is OK', () => {
    expect(assessCredit(position({ creditLimit: '50000', openOrdersTotal: '0', unpaidInvoicesTotal: '0' }), '50000.00').status).toBe('OK');
  });

  it('when the amounts would suffer float artefacts, then the exposure is still exact', () => {
    const decision = assessCredit(position({ creditLimit: '0.30', openOrdersTotal: '0.1', unpaidInvoicesTotal: '0.1' }), '0.1');
    expect(decision).toEqual({ status: 'OK', exposure: '0.30', creditLimit: '0.30' });
  });
});

describe('given an active customer near the credit limit', () => {
  it('when the order takes exposure one cent over the limit, then the order is put on credit hold with the reason', () => {
    expect(assessCredit(position(), '20000.01')).toEqual({
      status: 'HOLD',
      exposure: '50000.01',
      creditLimit: '50000.00',
      reason: 'exposure 50000.01 exceeds credit limit 50000.00',
    });
  });

  it('when the customer already exceeds the limit, then even a small order is put on hold', () => {
    expect(assessCredit(position({ unpaidInvoicesTotal: '40000.00' }), '0.01').status).toBe('HOLD');
  });

  it('when the credit limit is zero, then any order is put on hold', () => {
    const decision = assessCredit(position({ creditLimit: '0.00', openOrdersTotal: '0.00', unpaidInvoicesTotal: '0.00' }), '0.01');
    expect(decision.status).toBe('HOLD');
  });
});

describe('given a blocked customer', () => {
  it('when a small order well under the limit arrives, then it is put on hold because the customer is blocked', () => {
    expect(assessCredit(position({ customerStatus: 'BLOCKED' }), '1.00')).toEqual({
      status: 'HOLD',
      exposure: '30001.00',
      creditLimit: '50000.00',
      reason: 'customer is blocked',
    });
  });

  it('when the order is also over the limit, then the block is the reason given', () => {
    const decision = assessCredit(position({ customerStatus: 'BLOCKED' }), '99999.00');
    expect(decision.status === 'HOLD' && decision.reason).toBe('customer is blocked');
  });
});
