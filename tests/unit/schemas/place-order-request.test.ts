import { describe, expect, it } from 'vitest';
import { PlaceOrderRequest } from '../../../shared/orders/schemas/order.js';

const goodOrder = () => ({
  customerId: 'CUST-0042',
  customerPo: 'PO-2025-0001',
  requestedDeliveryDate: '2025-03-31',
  shipTo: { name: 'St. Mary Hospital', line1: 'Main Street 1', city: 'Dublin', postalCode: 'D02 X285', country: 'IE' },
  lines: [
    { gtin: '05012345678900', quantity: 2, expectedUnitPrice: '1250.00' },
    { gtin: '00036000291452', quantity: 10 },
  ],
});

/** The messages zod reports for a body, keyed by path. */
function problems(body: unknown): Record<string, string[]> {
  const result = PlaceOrderRequest.safeParse(body);
  if (result.success) return {};
  const byPath: Record<string, string[]> = {};
  for (const issue of result.error.issues) byPath[issue.path.join('.')] = [...(byPath[issue.path.join('.')] ?? []), issue.message];
  return byPath;
}

describe('given a well-formed order from a sales channel', () => {
  it('when it is parsed, then it is accepted unchanged', () => {
    const result = PlaceOrderRequest.safeParse(goodOrder());
    expect(result.success).toBe(true);
    expect(result.data).toEqual(goodOrder());
  });

  it('when optional fields are left out, then it is still accepted', () => {
    const { requestedDeliveryDate: _date, ...withoutDate } = goodOrder();
    const order = { ...withoutDate, lines: [{ gtin: '05012345678900', quantity: 1 }] };
    expect(PlaceOrderRequest.safeParse(order).success).toBe(true);
  });

  it('when text fields have surrounding spaces, then they are trimmed', () => {
    const result = PlaceOrderRequest.parse({ ...goodOrder(), customerPo: '  PO-7  ', customerId: ' CUST-1 ' });
    expect(result.customerPo).toBe('PO-7');
    expect(result.customerId).toBe('CUST-1');
  });

  it('when it has exactly 20 lines, then it is accepted', () => {
    const lines = Array.from({ length: 20 }, () => ({ gtin: '05012345678900', quantity: 1 }));
    expect(PlaceOrderRequest.safeParse({ ...goodOrder(), lines }).success).toBe(true);
  });

  it('when a quantity is at the bounds 1 and 100000, then it is accepted', () => {
    const lines = [
      { gtin: '05012345678900', quantity: 1 },
      { gtin: '05012345678900', quantity: 100_000 },
    ];
    expect(PlaceOrderRequest.safeParse({ ...goodOrder(), lines }).success).toBe(true);
  });
});

describe('given an order with fields the contract does not know', () => {
  it('when an unknown top-level field is sent, then it is rejected, not silently dropped', () => {
    expect(problems({ ...goodOrder(), discount: '10%' })).toHaveProperty('');
    expect(PlaceOrderRequest.safeParse({ ...goodOrder(), discount: '10%' }).error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['discount'] });
  });

  it('when an unknown line field is sent, then it is rejected at that line', () => {
    const order = goodOrder();
    const body = { ...order, lines: [{ ...order.lines[0], unitPrice: '1.00' }] };
    expect(problems(body)).toHaveProperty(['lines.0']);
  });

  it('when an unknown ship-to field is sent, then it is rejected', () => {
    const order = goodOrder();
    expect(problems({ ...order, shipTo: { ...order.shipTo, phone: '+353 1 000' } })).toHaveProperty(['shipTo']);
  });
});

describe('given an order with a bad GTIN', () => {
  it('when the check digit is wrong, then the line GTIN is rejected for its check digit', () => {
    const body = { ...goodOrder(), lines: [{ gtin: '05012345678901', quantity: 1 }] };
    expect(problems(body)['lines.0.gtin']).toEqual(['GTIN check digit is wrong']);
  });

  it.each(['5012345678900', '050123456789000', '0501234567890X'])('when the GTIN is %s, then it is rejected as not 14 digits', (gtin) => {
    const body = { ...goodOrder(), lines: [{ gtin, quantity: 1 }] };
    expect(problems(body)['lines.0.gtin']).toContain('GTIN must be 14 digits');
  });

  it('when the GTIN is a number rather than a string, then it is rejected (leading zeros would be lost)', () => {
    const body = { ...goodOrder(), lines: [{ gtin: 5012345678900, quantity: 1 }] };
    expect(problems(body)).toHaveProperty(['lines.0.gtin']);
  });
});

describe('given an order with a bad quantity', () => {
  it('when the quantity is fractional, then it is rejected as not a whole number of units', () => {
    const body = { ...goodOrder(), lines: [{ gtin: '05012345678900', quantity: 1.5 }] };
    expect(problems(body)['lines.0.quantity']).toEqual(['must be a whole number of units']);
  });

  it.each([0, -1, 100_001])('when the quantity is %i, then it is rejected', (quantity) => {
    const body = { ...goodOrder(), lines: [{ gtin: '05012345678900', quantity }] };
    expect(problems(body)).toHaveProperty(['lines.0.quantity']);
  });

  it('when the quantity is a numeric string, then it is rejected rather than coerced', () => {
    const body = { ...goodOrder(), lines: [{ gtin: '05012345678900', quantity: '5' }] };
    expect(problems(body)).toHaveProperty(['lines.0.quantity']);
  });
});

describe('given an order with too many or too few lines', () => {
  it('when it has 21 lines, then it is rejected with the 20-line limit', () => {
    const lines = Array.from({ length: 21 }, () => ({ gtin: '05012345678900', quantity: 1 }));
    expect(problems({ ...goodOrder(), lines }).lines).toEqual(['at most 20 lines per order']);
  });

  it('when it has no lines, then it is rejected', () => {
    expect(problems({ ...goodOrder(), lines: [] }).lines).toEqual(['an order needs at least one line']);
  });
});

describe('given an order with a bad requested delivery date', () => {
  it.each(['2025-02-29', '2025-04-31', '2025-3-31', '31/03/2025', '2025-03-31T00:00:00Z', ''])(
    'when the date is %j, then it is rejected as not a calendar date',
    (requestedDeliveryDate) => {
      expect(problems({ ...goodOrder(), requestedDeliveryDate }).requestedDeliveryDate).toEqual(['must be a calendar date YYYY-MM-DD']);
    },
  );

  it('when the date is 29 February of a leap year, then it is accepted', () => {
    expect(PlaceOrderRequest.safeParse({ ...goodOrder(), requestedDeliveryDate: '2028-02-29' }).success).toBe(true);
  });
});

describe('given an order with a bad expected price', () => {
  it('when the expected price is a JSON number, then it is rejected (amounts are decimal strings)', () => {
    const body = { ...goodOrder(), lines: [{ gtin: '05012345678900', quantity: 1, expectedUnitPrice: 12.5 }] };
    expect(problems(body)).toHaveProperty(['lines.0.expectedUnitPrice']);
  });

  it.each(['12.34567', '12,50', '1e3', 'EUR 12.50'])('when the expected price is %j, then it is rejected', (expectedUnitPrice) => {
    const body = { ...goodOrder(), lines: [{ gtin: '05012345678900', quantity: 1, expectedUnitPrice }] };
    expect(problems(body)['lines.0.expectedUnitPrice']).toEqual(['must be a decimal amount such as "12.50" (at most 4 decimals)']);
  });

  it('when the expected price is negative, then it is rejected', () => {
    const body = { ...goodOrder(), lines: [{ gtin: '05012345678900', quantity: 1, expectedUnitPrice: '-1.00' }] };
    expect(problems(body)['lines.0.expectedUnitPrice']).toEqual(['a price cannot be negative']);
  });
});

describe('given an order with a bad header field', () => {
  it('when the customer PO is longer than 35 characters, then it is rejected', () => {
    expect(problems({ ...goodOrder(), customerPo: 'P'.repeat(36) })).toHaveProperty('customerPo');
    expect(PlaceOrderRequest.safeParse({ ...goodOrder(), customerPo: 'P'.repeat(35) }).success).toBe(true);
  });

  it('when the customer PO is only spaces, then it is rejected as empty', () => {
    expect(problems({ ...goodOrder(), customerPo: '   ' })).toHaveProperty('customerPo');
  });

  it.each(['ie', 'IRL', 'I1'])('when the ship-to country is %j, then it is rejected', (country) => {
    const order = goodOrder();
    expect(problems({ ...order, shipTo: { ...order.shipTo, country } })['shipTo.country']).toEqual(['must be an ISO 3166-1 alpha-2 code']);
  });

  it.each(['customerId', 'customerPo', 'shipTo', 'lines'])('when %s is missing, then it is rejected', (field) => {
    const body: Record<string, unknown> = goodOrder();
    delete body[field];
    expect(problems(body)).toHaveProperty([field]);
  });
});

describe('given free text that reaches approval emails, PDFs and EDI answers', () => {
  const ONE_LINE = 'must be one line of text without line breaks or control characters';

  it('when the customer PO carries a line break and a link, then the order is refused, naming the field', () => {
    const phishing = { ...goodOrder(), customerPo: 'PO-1\r\nSign: https://evil.example' };
    expect(problems(phishing)).toEqual({ customerPo: [ONE_LINE] });
  });

  it.each([
    ['a Unicode line separator', 'St. Mary\u2028Sign here'],
    ['a tab', 'St.\tMary'],
    ['a NUL', 'St. Mary\u0000'],
    ['a C1 control', 'St. Mary\u0085Hospital'],
  ])('when the ship-to name carries %s, then the order is refused, naming the field', (_, name) => {
    expect(problems({ ...goodOrder(), shipTo: { ...goodOrder().shipTo, name } })).toEqual({ 'shipTo.name': [ONE_LINE] });
  });

  it('when an address line carries a line break, then the order is refused, naming the field', () => {
    expect(problems({ ...goodOrder(), shipTo: { ...goodOrder().shipTo, line2: 'Ward 3\nFloor 2' } })).toEqual({ 'shipTo.line2': [ONE_LINE] });
  });

  it('when the text is printable in any script, then it is accepted', () => {
    const order = { ...goodOrder(), customerPo: 'BESTELLUNG-Ä/42 №7', shipTo: { ...goodOrder().shipTo, name: 'Hôpital Saint-Éloi — 東京' } };
    expect(problems(order)).toEqual({});
  });
});
