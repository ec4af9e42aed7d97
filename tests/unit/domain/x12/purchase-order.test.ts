import { describe, expect, it } from 'vitest';
import { parseInterchange } from '../../../../shared/channels/domain/x12/envelope.js';
import { readPurchaseOrder, x12Date, x12Price } from '../../../../shared/channels/domain/x12/purchase-order.js';
import { interchange, po850, type PoSpec } from '../../../support/x12.js';

const read = (spec: PoSpec) => {
  const parsed = parseInterchange(interchange({ control: '1', groups: [{ control: '1', sets: [{ control: '0001', segments: po850(spec) }] }] }));
  return readPurchaseOrder(parsed.groups[0]!.sets[0]!);
};

describe('given a real-shaped 850 purchase order', () => {
  it('when it has BEG, DTM*002, ship-to and bill-to loops and two PO1 lines, then all of it is read', () => {
    const result = read({
      po: 'PO-4711',
      date: '20261124',
      delivery: '20261210',
      shipTo: { name: 'ACME Ward 3', line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'DE', idQualifier: '92', id: 'WARD3' },
      billTo: { name: 'ACME Finance' },
      lines: [
        { id: '1', quantity: 10, uom: 'BX', price: '12.9', ids: [['UK', '05012345678917']] },
        {
          id: '2',
          quantity: 3,
          ids: [
            ['VC', 'SYR-5ML'],
            ['BP', 'ACME-0042'],
          ],
        },
      ],
    });
    expect(result).toEqual({
      ok: true,
      order: {
        purpose: '00',
        poType: 'SA',
        poNumber: 'PO-4711',
        poDate: '2026-11-24',
        requestedDelivery: '2026-12-10',
        parties: [
          {
            code: 'ST',
            name: 'ACME Ward 3',
            idQualifier: '92',
            id: 'WARD3',
            address: { line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'DE' },
          },
          { code: 'BT', name: 'ACME Finance' },
        ],
        lines: [
          {
            lineId: '1',
            position: expect.any(Number),
            quantity: 10,
            unitOfMeasure: 'BX',
            unitPrice: '12.90',
            productIds: [{ qualifier: 'UK', value: '05012345678917' }],
          },
          {
            lineId: '2',
            position: expect.any(Number),
            quantity: 3,
            unitOfMeasure: 'EA',
            productIds: [
              { qualifier: 'VC', value: 'SYR-5ML' },
              { qualifier: 'BP', value: 'ACME-0042' },
            ],
          },
        ],
      },
    });
  });

  it('when the optional DTM, bill-to and CTT are missing, then it is still a valid order', () => {
    const result = read({ po: 'PO-1', ctt: null, lines: [{ id: '1', quantity: 1, ids: [['UK', '05012345678917']] }] });
    expect(result.ok).toBe(true);
  });

  it('when CTT01 disagrees with the number of PO1 lines, then CTT01 is named with code 7', () => {
    const result = read({ po: 'PO-1', ctt: 3, lines: [{ id: '1', quantity: 1, ids: [['UK', '05012345678917']] }] });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          segmentId: 'CTT',
          position: 7,
          code: '8',
          elements: [{ position: 1, reference: '354', code: '7', value: '3' }],
          message: 'CTT01: says 3 line item(s), the purchase order holds 1 PO1 segment(s)',
        },
      ],
    });
  });

  it('when the PO date, a quantity, a price and a product id are wrong, then each is named with its element and code', () => {
    const result = read({
      po: 'PO-1',
      date: '20261331',
      lines: [
        { id: '1', quantity: 'ten', ids: [['UK', '05012345678917']] },
        { id: '2', quantity: 1, price: '1,50', ids: [['UK', '05012345678917']] },
        { id: '3', quantity: 1, ids: [] },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.segmentId, e.elements[0]?.position, e.elements[0]?.code])).toEqual([
      ['BEG', 5, '8'],
      ['PO1', 2, '6'],
      ['PO1', 4, '6'],
      ['PO1', 7, '1'],
    ]);
    expect(result.errors[1]!.message).toBe('PO1 line 1: quantity "ten" must be a whole number of units from 1 to 100000');
  });

  it('when BEG is missing or its purpose is not an original, then the set is rejected naming BEG', () => {
    const noBeg = parseInterchange(
      interchange({
        control: '1',
        groups: [
          {
            control: '1',
            sets: [{ control: '0001', segments: po850({ po: 'X', lines: [{ id: '1', quantity: 1, ids: [['UK', '05012345678917']] }] }).slice(1) }],
          },
        ],
      }),
    );
    expect(readPurchaseOrder(noBeg.groups[0]!.sets[0]!)).toMatchObject({ ok: false, errors: [{ segmentId: 'BEG', code: '3' }] });
    const segments = po850({ po: 'X', lines: [{ id: '1', quantity: 1, ids: [['UK', '05012345678917']] }] });
    segments[0]![1] = '01';
    const cancel = parseInterchange(interchange({ control: '1', groups: [{ control: '1', sets: [{ control: '0001', segments }] }] }));
    expect(readPurchaseOrder(cancel.groups[0]!.sets[0]!)).toMatchObject({
      ok: false,
      errors: [{ segmentId: 'BEG', elements: [{ position: 1, code: '7', value: '01' }] }],
    });
  });
});

describe('given X12 dates and numbers', () => {
  it('when they are read, then dates become calendar dates and prices exact decimals', () => {
    expect(x12Date('20280229')).toBe('2028-02-29');
    expect(x12Date('20270229')).toBeUndefined();
    expect(x12Price('.5')).toBe('0.50');
    expect(x12Price('0012.3456')).toBe('12.3456');
    expect(x12Price('12.34567')).toBeUndefined();
    expect(x12Price('-1')).toBeUndefined();
  });
});
