import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { orderCommand, paymentCommand, walkthroughLines } from '../../../infra/local/summary.js';
import { forecastWalkthrough, walkthroughTotal, type WalkthroughPosition } from '../../../infra/local/walkthrough.js';

const today = '2026-12-03';
const position = (overrides: Partial<WalkthroughPosition> = {}): WalkthroughPosition => ({
  customerStatus: 'ACTIVE',
  creditLimit: '50000.00',
  currency: 'EUR',
  openOrdersTotal: '0',
  unpaidInvoices: [],
  stockAvailable: 10_000,
  ...overrides,
});
const invoice = (n: number, dueDate = '2027-01-02') => ({ invoiceNumber: `INV-${n}`, dueDate, amount: '10320.00' });
const summaryOf = (p: WalkthroughPosition) =>
  walkthroughLines({
    api: 'http://api',
    endpoint: 'http://localhost:4610',
    staffClientId: 'staff',
    users: [{ username: 'receivables1', password: 'pw', groups: ['accounts-receivable'] }],
    position: p,
    forecast: forecastWalkthrough(p, today),
  }).join('\n');

/** What the shell makes of the printed -d argument when the line is pasted. */
function pastedBody(line: string): unknown {
  const argument = line.trim().replace(/^-d /, '');
  const result = spawnSync('bash', ['-c', `printf %s ${argument}`], { encoding: 'utf8' });
  return JSON.parse(result.stdout);
}

describe('given the README walkthrough order', () => {
  it('when it is priced from the demo data, then it is 10,320.00: over the 10,000.00 finance threshold, as the README says', () => {
    expect(walkthroughTotal()).toBe('10320.00');
  });

  it('when the printed command is pasted, then the shell fills in a PO and a delivery line of its own, and the goods stay 800 boxes of gloves', () => {
    const body = pastedBody(orderCommand('http://api', 'token').at(-1) ?? '') as { customerPo: string; shipTo: { line2: string }; lines: unknown[] };
    expect(body.customerPo).toMatch(/^PO-\d{10}$/);
    expect(body.shipTo.line2).toMatch(/^Walkthrough \d{10}$/);
    expect(body.lines).toEqual([{ gtin: '05012345678917', quantity: 800 }]);
  });
});

describe('given the demo customer with nothing open', () => {
  it('when the next walkthroughs are forecast, then four fit under the 50,000.00 limit and the fifth would be a credit hold', () => {
    const forecast = forecastWalkthrough(position(), today);
    expect(forecast).toMatchObject({ orderTotal: '10320.00', credit: { status: 'OK' }, ordersThatFit: 4, ordersInStock: 12 });
    expect(summaryOf(position())).toMatch(/Room for 4 more walkthrough orders/);
  });
});

describe('given the demo customer after four unpaid walkthroughs', () => {
  const drifted = position({ unpaidInvoices: [1, 2, 3, 4].map((n) => invoice(n)) });

  it('when the summary is printed, then it says the next order waits for credit1 too and gives a payment command per invoice', () => {
    const text = summaryOf(drifted);
    expect(forecastWalkthrough(drifted, today).credit).toMatchObject({ status: 'HOLD', reason: 'exposure 51600.00 exceeds credit limit 50000.00' });
    expect(text).toMatch(/would be held for credit .* credit1/s);
    expect(text).toMatch(/RECEIVABLES_TOKEN=\$\(curl/);
    expect(text.match(/\/v1\/invoices\/INV-\d\/payments/g)).toHaveLength(4);
  });

  it('when a payment command is pasted, then its body is the open amount under a bank reference that makes a second paste a replay', () => {
    const line = paymentCommand('http://api', invoice(1), 'EUR', 'T');
    const body = pastedBody(line.slice(line.indexOf("-d '"))) as Record<string, string>;
    expect(body).toMatchObject({ paymentReference: 'BANK-INV-1', amount: '10320.00', currency: 'EUR', method: 'BANK_TRANSFER' });
    expect(body.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('given an invoice unpaid past its due date and the grace period', () => {
  it('when the forecast runs, then no walkthrough fits, whatever the limit', () => {
    const overdue = position({ unpaidInvoices: [invoice(1, '2026-10-01')] });
    expect(forecastWalkthrough(overdue, today)).toMatchObject({ credit: { status: 'HOLD' }, ordersThatFit: 0 });
  });
});

describe('given too few gloves left for the walkthrough', () => {
  it('when the summary is printed, then it says the order would wait for stock and how to receive more', () => {
    expect(summaryOf(position({ stockAvailable: 799 }))).toMatch(/Not enough gloves .*\(799 boxes .*POST \/v1\/inventory\/receipts/s);
  });
});
