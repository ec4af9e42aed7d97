import { describe, expect, it } from 'vitest';
import { approvalReasons, type ApprovalInputs, type ApprovalPolicy } from '../../../shared/domain/approval-rules.js';
import type { CreditDecision } from '../../../shared/domain/credit.js';

const policy: ApprovalPolicy = { orderValueThreshold: '10000.00' };
const creditOk: CreditDecision = { status: 'OK', exposure: '1000.00', creditLimit: '50000.00' };
const creditHold: CreditDecision = { status: 'HOLD', exposure: '60000.00', creditLimit: '50000.00', reason: 'exposure 60000.00 exceeds credit limit 50000.00' };

const inputs = (overrides: Partial<ApprovalInputs> = {}): ApprovalInputs => ({
  credit: creditOk,
  orderTotal: '500.00',
  priceDeviationLines: [],
  ...overrides,
});

describe('given an order with good credit, a total under the threshold and list prices as expected', () => {
  it('when approval reasons are collected, then there are none and the order flows straight to fulfilment', () => {
    expect(approvalReasons(inputs(), policy)).toEqual([]);
  });
});

describe('given exactly one reason for a human decision', () => {
  it('when credit is on hold, then the only reason is CREDIT_HOLD', () => {
    expect(approvalReasons(inputs({ credit: creditHold }), policy)).toEqual(['CREDIT_HOLD']);
  });

  it('when the total is a cent above the threshold, then the only reason is ORDER_VALUE_OVER_THRESHOLD', () => {
    expect(approvalReasons(inputs({ orderTotal: '10000.01' }), policy)).toEqual(['ORDER_VALUE_OVER_THRESHOLD']);
  });

  it('when a line price differs from what the buyer expected, then the only reason is PRICE_DIFFERS_FROM_EXPECTED', () => {
    expect(approvalReasons(inputs({ priceDeviationLines: [2] }), policy)).toEqual(['PRICE_DIFFERS_FROM_EXPECTED']);
  });
});

describe('given an order total at the threshold boundary', () => {
  it('when the total equals the threshold exactly, then no approval is needed for value', () => {
    expect(approvalReasons(inputs({ orderTotal: '10000.00' }), policy)).toEqual([]);
  });

  it('when the total equals the threshold written at another scale, then no approval is needed for value', () => {
    expect(approvalReasons(inputs({ orderTotal: '10000' }), { orderValueThreshold: '10000.0000' })).toEqual([]);
  });

  it('when the total is a cent below the threshold, then no approval is needed for value', () => {
    expect(approvalReasons(inputs({ orderTotal: '9999.99' }), policy)).toEqual([]);
  });

  it('when the total is compared, then it is compared as a number, not as text', () => {
    expect(approvalReasons(inputs({ orderTotal: '9.99' }), { orderValueThreshold: '10.00' })).toEqual([]);
    expect(approvalReasons(inputs({ orderTotal: '100.00' }), { orderValueThreshold: '99.99' })).toEqual(['ORDER_VALUE_OVER_THRESHOLD']);
  });
});

describe('given several reasons at once', () => {
  it('when credit is on hold and the total is over the threshold, then both are reported', () => {
    expect(approvalReasons(inputs({ credit: creditHold, orderTotal: '60000.00' }), policy)).toEqual(['CREDIT_HOLD', 'ORDER_VALUE_OVER_THRESHOLD']);
  });

  it('when the total is over the threshold and prices deviate, then both are reported', () => {
    expect(approvalReasons(inputs({ orderTotal: '12000.00', priceDeviationLines: [1, 3] }), policy)).toEqual([
      'ORDER_VALUE_OVER_THRESHOLD',
      'PRICE_DIFFERS_FROM_EXPECTED',
    ]);
  });

  it('when credit is on hold and prices deviate, then both are reported', () => {
    expect(approvalReasons(inputs({ credit: creditHold, priceDeviationLines: [1] }), policy)).toEqual(['CREDIT_HOLD', 'PRICE_DIFFERS_FROM_EXPECTED']);
  });

  it('when all three apply, then all three are reported once each, in a stable order', () => {
    expect(approvalReasons(inputs({ credit: creditHold, orderTotal: '10000.01', priceDeviationLines: [1, 2, 3] }), policy)).toEqual([
      'CREDIT_HOLD',
      'ORDER_VALUE_OVER_THRESHOLD',
      'PRICE_DIFFERS_FROM_EXPECTED',
    ]);
  });
});
