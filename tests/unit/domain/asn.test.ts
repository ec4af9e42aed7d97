import { describe, expect, it } from 'vitest';
import { buildAsn, toX12 } from '../../../shared/inventory/domain/asn.js';

const input = {
  shipmentId: 'SHP-ORD-01',
  shippedAt: '2026-11-25T14:05:09.000Z',
  shipFrom: { name: 'Distribution Center 1', id: 'DC1' },
  shipTo: { name: 'ACME University Hospital', line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'US' },
  order: { orderId: 'ORD-01', customerPo: 'PO-77', customerId: 'CUST-ACME' },
  lines: [
    { lineNo: 2, gtin: '00614141999996', picks: [{ lotNumber: 'ST1', expiry: '2028-03-31', quantity: 2, serials: ['SN1', 'SN2'] }] },
    {
      lineNo: 1,
      gtin: '09501101530003',
      picks: [
        { lotNumber: 'GL1', expiry: '2028-01-31', quantity: 5 },
        { lotNumber: 'GL2', expiry: '2028-06-30', quantity: 3 },
      ],
    },
  ],
};

describe('given a shipment of two lines, one split over two lots and one serialized', () => {
  const asn = buildAsn(input);

  it('when the ASN is built, then it has one shipment, one order and one item level per line and lot, in line order', () => {
    expect(asn.shipment.hl).toEqual({ id: '1', level: 'S' });
    expect(asn.order).toMatchObject({ hl: { id: '2', parentId: '1', level: 'O' }, purchaseOrder: 'PO-77' });
    expect(asn.items.map((item) => [item.hl.id, item.lin.lineNo, item.lin.lotNumber, item.sn1.quantity, item.expiry, item.serials])).toEqual([
      ['3', 1, 'GL1', 5, '2028-01-31', []],
      ['4', 1, 'GL2', 3, '2028-06-30', []],
      ['5', 2, 'ST1', 2, '2028-03-31', ['SN1', 'SN2']],
    ]);
    expect(asn.totals).toEqual({ hlCount: 5, lineItems: 3, units: 10 });
    expect(asn.bsn).toEqual({ purpose: '00', shipmentId: 'SHP-ORD-01', date: '20261125', time: '1405', structure: '0001' });
  });

  it('when it is rendered as X12, then the segments follow the 856 hierarchy with lot, expiry and serials, and SE counts them', () => {
    const x12 = toX12(asn).split('\n');
    expect(x12[0]).toBe('ST*856*0001~');
    expect(x12).toContain('HL*3*2*I~');
    expect(x12).toContain('LIN*1*UK*09501101530003*LT*GL1~');
    expect(x12).toContain('SN1**5*EA~');
    expect(x12).toContain('DTM*036*20280131~');
    expect(x12).toContain('REF*SE*SN2~');
    expect(x12.at(-2)).toBe('CTT*5~');
    expect(x12.at(-1)).toBe(`SE*${x12.length}*0001~`);
  });

  it('when a value holds an X12 separator, then it cannot break the segment', () => {
    const x12 = toX12(buildAsn({ ...input, order: { ...input.order, customerPo: 'PO*1~2' } }));
    expect(x12).toContain('PRF*PO 1 2~');
  });
});

describe('given a ship-from warehouse configured with its GLN and address', () => {
  const shipFrom = {
    id: 'DC-NL',
    name: 'Venlo distribution center',
    gln: '8712345000004',
    address: { line1: 'Logistiekweg 1', city: 'Venlo', postalCode: '5928 LV', country: 'NL' },
  };

  it('when the 856 is rendered, then the ship-from party is named by its GLN with its address', () => {
    const x12 = toX12(buildAsn({ ...input, shipFrom })).split('\n');
    const from = x12.indexOf('N1*SF*Venlo distribution center*UL*8712345000004~');
    expect(from).toBeGreaterThan(0);
    expect(x12.slice(from + 1, from + 3)).toEqual(['N3*Logistiekweg 1~', 'N4*Venlo**5928 LV*NL~']);
  });

  it('when the warehouse has no GLN, then its own code names it (qualifier 92) and no address segments follow', () => {
    const x12 = toX12(buildAsn(input)).split('\n');
    const from = x12.indexOf('N1*SF*Distribution Center 1*92*DC1~');
    expect(x12[from + 1]).toBe('N1*ST*ACME University Hospital~');
  });
});
