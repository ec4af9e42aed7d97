import { describe, expect, it } from 'vitest';
import {
  allowedMeanings,
  discountPercent,
  escalationOf,
  grants,
  requiredApprovals,
  type ApprovalFacts,
  type PricedLineFacts,
} from '../../../shared/approvals/domain/approval-policy.js';
import { ApprovalPolicy, approverRoles, DEFAULT_APPROVAL_POLICY } from '../../../shared/approvals/schemas/approval-policy.js';

const policy = DEFAULT_APPROVAL_POLICY;
const line = (overrides: Partial<PricedLineFacts> = {}): PricedLineFacts => ({
  lineNo: 1,
  gtin: '05012345678900',
  deviceClass: 'IIa',
  listPrice: '100.00',
  unitPrice: '100.00',
  ...overrides,
});
const facts = (overrides: Partial<ApprovalFacts> = {}): ApprovalFacts => ({
  credit: { status: 'OK', exposure: '100.00', creditLimit: '1000.00' },
  orderTotal: '100.00',
  orderDate: '2026-11-25',
  lines: [line()],
  customerLicences: [
    { deviceClass: 'IIa', expiry: '2027-12-31' },
    { deviceClass: 'III', expiry: '2027-12-31' },
  ],
  ...overrides,
});
const reasons = (f: ApprovalFacts) => requiredApprovals(f, policy).map((approval) => approval.reason);

describe('given an ordinary order within every threshold', () => {
  it('when the rules run, then no approval is needed', () => {
    expect(requiredApprovals(facts(), policy)).toEqual([]);
  });
});

describe('given a credit hold', () => {
  it('when the rules run, then the credit controller is asked, with the hold reason as detail', () => {
    const hold = { status: 'HOLD' as const, exposure: '2000.00', creditLimit: '1000.00', reason: 'exposure 2000.00 exceeds credit limit 1000.00' };
    expect(requiredApprovals(facts({ credit: hold }), policy)).toEqual([
      { reason: 'CREDIT_HOLD', role: 'credit-controller', detail: 'exposure 2000.00 exceeds credit limit 1000.00' },
    ]);
  });
});

describe('given discounts against list price (threshold 15%)', () => {
  it('when a line is exactly 15% under list, then no approval is needed', () => {
    expect(reasons(facts({ lines: [line({ unitPrice: '85.00' })] }))).toEqual([]);
  });

  it('when a line is 15.01% under list, then the sales manager is asked, naming the line', () => {
    const [approval] = requiredApprovals(facts({ lines: [line({ unitPrice: '84.99' })] }), policy);
    expect(approval).toEqual({ reason: 'DISCOUNT_OVER_THRESHOLD', role: 'sales-manager', detail: 'line 1: 15.01% under list' });
  });

  it('when the price is above list, then it is not a discount', () => {
    expect(discountPercent('100.00', '120.00')).toBe('0.00');
    expect(discountPercent('0.00', '10.00')).toBe('0.00');
  });
});

describe('given a buyer-expected price', () => {
  it('when it equals the computed price at another scale, then no approval is needed', () => {
    expect(reasons(facts({ lines: [line({ expectedUnitPrice: '100' })] }))).toEqual([]);
  });

  it('when it differs, then the sales manager is asked about the deviation', () => {
    const [approval] = requiredApprovals(facts({ lines: [line({ expectedUnitPrice: '99.00' })] }), policy);
    expect(approval).toMatchObject({ reason: 'PRICE_DIFFERS_FROM_EXPECTED', role: 'sales-manager', detail: 'line 1: expected 99.00, priced 100.00' });
  });
});

describe('given the order value threshold of 10000.00', () => {
  it('when the total equals it, then no approval is needed; one cent more asks finance', () => {
    expect(reasons(facts({ orderTotal: '10000.00' }))).toEqual([]);
    expect(requiredApprovals(facts({ orderTotal: '10000.01' }), policy)).toEqual([
      { reason: 'ORDER_VALUE_OVER_THRESHOLD', role: 'finance', detail: 'total 10000.01 is above 10000.00' },
    ]);
  });
});

describe('given regulated devices and customer licences', () => {
  it('when a class III device is ordered by a licensed customer, then regulatory reviews it', () => {
    expect(requiredApprovals(facts({ lines: [line({ deviceClass: 'III' })] }), policy)).toEqual([
      { reason: 'REGULATORY_REVIEW', role: 'regulatory', detail: 'line 1: class III device' },
    ]);
  });

  it('when the customer has no licence for the class, then regulatory reviews it', () => {
    expect(requiredApprovals(facts({ lines: [line({ deviceClass: 'IIb' })] }), policy)[0]?.detail).toBe('line 1: customer has no valid licence for class IIb');
  });

  it('when the licence expired the day before the order, then it does not count; on its expiry day it still does', () => {
    const lapsed = facts({ customerLicences: [{ deviceClass: 'IIa', expiry: '2026-11-24' }] });
    expect(reasons(lapsed)).toEqual(['REGULATORY_REVIEW']);
    expect(reasons(facts({ customerLicences: [{ deviceClass: 'IIa', expiry: '2026-11-25' }] }))).toEqual([]);
  });

  it('when several lines raise regulatory points, then one review lists them all', () => {
    const approvals = requiredApprovals(facts({ lines: [line({ deviceClass: 'III' }), line({ lineNo: 2, deviceClass: 'I' })] }), policy);
    expect(approvals).toEqual([
      { reason: 'REGULATORY_REVIEW', role: 'regulatory', detail: 'line 1: class III device; line 2: customer has no valid licence for class I' },
    ]);
  });
});

describe('given an order that trips every rule', () => {
  it('when the rules run, then every approval is asked for, once each, from its own role', () => {
    const all = requiredApprovals(
      facts({
        credit: { status: 'HOLD', exposure: '1.00', creditLimit: '0.00', reason: 'customer is blocked' },
        orderTotal: '20000.00',
        lines: [line({ deviceClass: 'III', unitPrice: '50.00', expectedUnitPrice: '40.00' })],
      }),
      policy,
    );
    expect(all.map(({ reason, role }) => [reason, role])).toEqual([
      ['CREDIT_HOLD', 'credit-controller'],
      ['DISCOUNT_OVER_THRESHOLD', 'sales-manager'],
      ['PRICE_DIFFERS_FROM_EXPECTED', 'sales-manager'],
      ['ORDER_VALUE_OVER_THRESHOLD', 'finance'],
      ['REGULATORY_REVIEW', 'regulatory'],
    ]);
  });
});

describe('given the escalation chain', () => {
  it('when a role has a successor, then the approval escalates to it; at the end of the chain there is none', () => {
    expect(escalationOf('finance', policy)).toBe('finance-director');
    expect(escalationOf('finance-director', policy)).toBeUndefined();
  });

  it('when the roles are listed, then escalation targets are included once', () => {
    expect(approverRoles(policy)).toEqual([
      'credit-controller',
      'finance',
      'finance-director',
      'regulatory',
      'regulatory-director',
      'sales-director',
      'sales-manager',
    ]);
  });
});

describe('given signature meanings', () => {
  it('when the reason is a credit hold, then the controller may release or reject only', () => {
    expect(allowedMeanings('CREDIT_HOLD')).toEqual(['RELEASED_FROM_CREDIT_HOLD', 'REJECTED']);
  });

  it('when the reason is regulatory, then reviewed is also a meaning', () => {
    expect(allowedMeanings('REGULATORY_REVIEW')).toEqual(['REVIEWED', 'APPROVED', 'REJECTED']);
    expect(allowedMeanings('ORDER_VALUE_OVER_THRESHOLD')).toEqual(['APPROVED', 'REJECTED']);
  });

  it('when a meaning is signed, then only REJECTED withholds the approval', () => {
    expect([grants('APPROVED'), grants('RELEASED_FROM_CREDIT_HOLD'), grants('REVIEWED'), grants('REJECTED')]).toEqual([true, true, true, false]);
  });
});

describe('given a policy document from configuration', () => {
  it('when it has an unknown field or a bad role name, then it is refused', () => {
    expect(ApprovalPolicy.safeParse({ ...policy, surprise: 1 }).success).toBe(false);
    expect(ApprovalPolicy.safeParse({ ...policy, roles: { CREDIT_HOLD: 'Credit Controllers!' } }).success).toBe(false);
    expect(ApprovalPolicy.safeParse(policy).success).toBe(true);
  });
});
