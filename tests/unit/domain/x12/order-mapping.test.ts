import { describe, expect, it } from 'vitest';
import { customerOf, gtinFromGs1, mapPurchaseOrder, resolveGtin } from '../../../../shared/channels/domain/x12/order-mapping.js';
import type { PurchaseOrder850 } from '../../../../shared/channels/domain/x12/purchase-order.js';
import type { ProductXrefData, TradingPartnerData } from '../../../../shared/master-data/schemas/master-data.js';

const partner: TradingPartnerData = {
  partnerId: 'HOSPEDI01',
  name: 'ACME purchasing hub',
  customerId: 'CUST-ACME',
  locations: [{ qualifier: '92', code: 'SMALL-1', customerId: 'CUST-SMALL' }],
};
const xref: ProductXrefData = {
  partnerId: 'HOSPEDI01',
  entries: [
    { qualifier: 'VC', productId: 'SYR-5ML', gtin: '05012345678900' },
    { qualifier: 'BP', productId: 'ACME-0042', gtin: '05012345678900' },
  ],
};
const address = { line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'DE' };
const order: PurchaseOrder850 = {
  purpose: '00',
  poType: 'SA',
  poNumber: 'PO-9',
  poDate: '2026-11-24',
  requestedDelivery: '2026-12-10',
  parties: [{ code: 'ST', name: 'ACME Ward 3', address }],
  lines: [
    { lineId: '10', position: 7, quantity: 4, unitOfMeasure: 'EA', unitPrice: '14.50', productIds: [{ qualifier: 'VC', value: 'SYR-5ML' }] },
    { lineId: '20', position: 8, quantity: 1, unitOfMeasure: 'EA', productIds: [{ qualifier: 'EN', value: '5012345678917' }] },
  ],
};

describe('given a partner mapping and a product cross-reference', () => {
  it('when an 850 is mapped, then it becomes the canonical order request for the partner customer with GTINs and expected prices', () => {
    expect(mapPurchaseOrder(order, partner, xref, 1)).toEqual({
      ok: true,
      request: {
        customerId: 'CUST-ACME',
        customerPo: 'PO-9',
        requestedDeliveryDate: '2026-12-10',
        shipTo: { name: 'ACME Ward 3', ...address },
        lines: [
          { gtin: '05012345678900', quantity: 4, expectedUnitPrice: '14.50' },
          { gtin: '05012345678917', quantity: 1 },
        ],
      },
      lines: [
        { lineId: '10', quantity: 4, unitOfMeasure: 'EA', unitPrice: '14.50', productIds: [{ qualifier: 'VC', value: 'SYR-5ML' }], gtin: '05012345678900' },
        { lineId: '20', quantity: 1, unitOfMeasure: 'EA', productIds: [{ qualifier: 'EN', value: '5012345678917' }], gtin: '05012345678917' },
      ],
    });
  });

  it('when an N1 code is one of the partner locations, then the order is for that location customer', () => {
    expect(customerOf({ parties: [{ code: 'ST', name: 'x', idQualifier: '92', id: 'SMALL-1' }] }, partner)).toBe('CUST-SMALL');
    expect(customerOf({ parties: [{ code: 'ST', name: 'x', idQualifier: '92', id: 'OTHER' }] }, partner)).toBe('CUST-ACME');
  });

  it('when a product id is unknown, two ids disagree, or the ship-to is missing, then each is an error naming the segment', () => {
    const bad = {
      ...order,
      parties: [],
      lines: [
        { lineId: '10', position: 7, quantity: 1, unitOfMeasure: 'EA', productIds: [{ qualifier: 'VC', value: 'NOPE' }] },
        {
          lineId: '20',
          position: 8,
          quantity: 1,
          unitOfMeasure: 'EA',
          productIds: [
            { qualifier: 'UK', value: '05012345678917' },
            { qualifier: 'BP', value: 'ACME-0042' },
          ],
        },
      ],
    };
    const result = mapPurchaseOrder(bad, partner, xref, 1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.segmentId, e.position, e.code, e.message])).toEqual([
      ['PO1', 7, '8', "PO1 line 10: no product known for VC NOPE (not a valid GTIN and not in partner HOSPEDI01's cross-reference)"],
      ['PO1', 8, '8', 'PO1 line 20: the product ids UK 05012345678917, BP ACME-0042 name different products (05012345678917, 05012345678900)'],
      ['N1', 2, '3', 'N1*ST: the ship-to party with its address (N3, N4) is missing'],
    ]);
  });
});

describe('given GS1 product id qualifiers', () => {
  it('when UK, EN, UP and EO carry valid numbers, then they are GTIN-14s; a wrong check digit or length is not', () => {
    expect(gtinFromGs1('UK', '05012345678900')).toBe('05012345678900');
    expect(gtinFromGs1('EN', '5012345678900')).toBe('05012345678900');
    expect(gtinFromGs1('UP', '614141999996')).toBe('00614141999996');
    expect(gtinFromGs1('EO', '96385074')).toBe('00000096385074');
    expect(gtinFromGs1('UK', '05012345678901')).toBeUndefined();
    expect(gtinFromGs1('EN', '05012345678900')).toBeUndefined();
    expect(gtinFromGs1('VC', '05012345678900')).toBeUndefined();
    expect(resolveGtin({ productIds: [{ qualifier: 'VC', value: 'SYR-5ML' }] }, undefined)).toEqual({});
  });
});
