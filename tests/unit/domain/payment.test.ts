import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPayment, openBalanceOf, type InvoiceBalance } from '../../../shared/receivables/domain/payment.js';

const invoice = (overrides: Partial<InvoiceBalance> = {}): InvoiceBalance => ({
  invoiceNumber: 'INV-1',
  currency: 'EUR',
  total: '1000.00',
  amountPaid: '0.00',
  issueDate: '2026-11-01',
  ...overrides,
});
const today = '2026-11-25';
const pay = (amount: string, overrides: { currency?: string; receivedOn?: string } = {}) => ({
  amount,
  currency: 'EUR',
  receivedOn: '2026-11-20',
  ...overrides,
});

describe('given an unpaid invoice', () => {
  it('when the full amount is received, then the invoice is PAID with nothing open', () => {
    expect(applyPayment(invoice(), pay('1000.00'), today)).toEqual({ applied: true, amountPaid: '1000.00', openBalance: '0.00', paymentStatus: 'PAID' });
  });

  it('when the full amount is written with another scale, then it still pays the invoice in full', () => {
    expect(applyPayment(invoice(), pay('1000'), today)).toMatchObject({ applied: true, paymentStatus: 'PAID', openBalance: '0.00' });
  });

  it('when part of it is received, then the invoice is PARTIALLY_PAID and the rest stays open', () => {
    expect(applyPayment(invoice(), pay('250.10'), today)).toEqual({
      applied: true,
      amountPaid: '250.10',
      openBalance: '749.90',
      paymentStatus: 'PARTIALLY_PAID',
    });
  });

  it('when more than the invoice is received, then the payment is refused and the excess is named', () => {
    const result = applyPayment(invoice(), pay('1000.01'), today);
    expect(result).toMatchObject({ applied: false, refusal: 'EXCEEDS_OPEN_BALANCE' });
    expect(result.applied === false && result.reason).toContain('open balance of 1000.00 EUR');
  });

  it('when the payment is in another currency, then it is refused', () => {
    expect(applyPayment(invoice(), pay('1000.00', { currency: 'USD' }), today)).toMatchObject({ applied: false, refusal: 'CURRENCY_MISMATCH' });
  });

  it.each(['0', '0.00', '-5.00'])('when the amount is %s, then it is refused as not positive', (amount) => {
    expect(applyPayment(invoice(), pay(amount), today)).toMatchObject({ applied: false, refusal: 'NOT_POSITIVE' });
  });

  it('when the amount has fractions of a cent, then it is refused', () => {
    expect(applyPayment(invoice(), pay('10.005'), today)).toMatchObject({ applied: false, refusal: 'SUB_CENT' });
  });

  it('when the payment is dated after today, then it is refused', () => {
    expect(applyPayment(invoice(), pay('10.00', { receivedOn: '2026-11-26' }), today)).toMatchObject({ applied: false, refusal: 'FUTURE_DATE' });
  });

  it('when the payment is dated today, then it is applied', () => {
    expect(applyPayment(invoice(), pay('10.00', { receivedOn: today }), today)).toMatchObject({ applied: true });
  });

  it('when the payment is dated before the invoice was issued, then it is refused', () => {
    expect(applyPayment(invoice(), pay('10.00', { receivedOn: '2026-10-31' }), today)).toMatchObject({ applied: false, refusal: 'BEFORE_INVOICE' });
  });
});

describe('given a partially paid invoice', () => {
  const partlyPaid = invoice({ amountPaid: '400.00' });

  it('when the rest is received, then it is PAID', () => {
    expect(applyPayment(partlyPaid, pay('600.00'), today)).toEqual({ applied: true, amountPaid: '1000.00', openBalance: '0.00', paymentStatus: 'PAID' });
  });

  it('when more than the rest is received, then it is refused', () => {
    expect(applyPayment(partlyPaid, pay('600.01'), today)).toMatchObject({ applied: false, refusal: 'EXCEEDS_OPEN_BALANCE' });
  });
});

describe('given a paid invoice', () => {
  it('when another payment is received, then it is refused as already paid', () => {
    expect(applyPayment(invoice({ amountPaid: '1000.00' }), pay('1.00'), today)).toMatchObject({ applied: false, refusal: 'ALREADY_PAID' });
  });
});

describe('given any sequence of cent amounts applied in turn', () => {
  it('then the amount paid never exceeds the total, paid + open always equals the total, and PAID means nothing open', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_00 }), fc.array(fc.integer({ min: 1, max: 5_000_00 }), { maxLength: 20 }), (totalCents, paymentsCents) => {
        let state = invoice({ total: (totalCents / 100).toFixed(2) });
        for (const cents of paymentsCents) {
          const result = applyPayment(state, pay((cents / 100).toFixed(2)), today);
          if (!result.applied) continue;
          expect(Number(result.amountPaid) + Number(result.openBalance)).toBeCloseTo(Number(state.total), 2);
          expect(result.paymentStatus === 'PAID').toBe(result.openBalance === '0.00');
          state = { ...state, amountPaid: result.amountPaid };
        }
        expect(Number(openBalanceOf(state))).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
