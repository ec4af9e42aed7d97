import { describe, expect, it } from 'vitest';
import {
  blockingConflicts,
  intakeConflicts,
  lineConflicts,
  productConflicts,
  shipToConflicts,
  type IntakeFacts,
  type IntakeProduct,
} from '../../../shared/orders/domain/intake-conflicts.js';

const gloves: IntakeProduct = {
  gtin: '05012345678917',
  name: 'Nitrile gloves',
  regulatoryStatus: 'RELEASED',
  unitOfMeasure: 'BX',
  deviceClass: 'I',
  serialControlled: false,
};
const stent: IntakeProduct = {
  gtin: '05012345678924',
  name: 'Coronary stent',
  regulatoryStatus: 'ON_HOLD',
  unitOfMeasure: 'EA',
  deviceClass: 'III',
  serialControlled: false,
};
const dock = { name: 'ACME University Hospital', line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'US' };
const otherDock = { name: 'ACME Outpatients', line1: '9 Clinic Lane', city: 'Springfield', postalCode: '12399', country: 'US' };

const facts = (overrides: Partial<IntakeFacts> = {}): IntakeFacts => ({
  customer: {
    shipTo: [otherDock, dock],
    licences: [
      { deviceClass: 'I', expiry: '2027-12-31' },
      { deviceClass: 'III', expiry: '2027-12-31' },
    ],
    channels: ['portal', 'edi', 'batch'],
  },
  products: new Map([
    [gloves.gtin, gloves],
    [stent.gtin, stent],
  ]),
  knownCandidates: new Set(),
  orderDate: '2026-11-25',
  sender: { channel: 'portal' },
  ...overrides,
});
const order = (lines: { gtin: string; quantity: number; unitOfMeasure?: string }[], shipTo = dock) => ({ customerId: 'C1', shipTo, lines });

describe('given an order checked at intake for who sends it', () => {
  const line = [{ gtin: gloves.gtin, quantity: 1 }];
  const ediOnly = (sender: IntakeFacts['sender']) => facts({ customer: { ...facts().customer!, channels: ['edi'] }, sender });

  it('when a portal tenant orders for a customer that orders through EDI only, then the order is refused naming the channels', () => {
    expect(intakeConflicts(order(line), ediOnly({ channel: 'portal', partner: { id: 'portal', customers: ['C1'] } }))).toEqual([
      expect.objectContaining({
        code: 'CHANNEL_NOT_ALLOWED',
        field: 'customerId',
        blocking: true,
        message: 'customer C1 does not order through the portal channel (it orders through edi only)',
      }),
    ]);
  });

  it('when order-desk staff (no partner) key in an order for that customer, then the customer’s channels still refuse it', () => {
    expect(intakeConflicts(order(line), ediOnly({ channel: 'portal' }))).toEqual([expect.objectContaining({ code: 'CHANNEL_NOT_ALLOWED', blocking: true })]);
  });

  it('when the customer lists no channel at all, then no channel may order for it', () => {
    const none = facts({ customer: { ...facts().customer!, channels: [] } });
    expect(intakeConflicts(order(line), none)[0]?.message).toBe('customer C1 does not order through the portal channel (its master data lists no channel)');
  });

  it('when a partner orders for a customer it is not bound to, then the order is refused before anything about the customer is said', () => {
    expect(intakeConflicts(order(line), facts({ customer: undefined, sender: { channel: 'edi', partner: { id: 'clinic-edi', customers: ['C2'] } } }))).toEqual([
      { code: 'CUSTOMER_NOT_ALLOWED', field: 'customerId', blocking: true, message: 'partner clinic-edi may not order for customer C1' },
    ]);
  });

  it('when a partner’s customers are a prefix family, then every customer of that family is allowed', () => {
    expect(intakeConflicts(order(line), facts({ sender: { channel: 'batch', partner: { id: 'marketplace', customers: ['C*'] } } }))).toEqual([]);
    expect(
      intakeConflicts({ ...order(line), customerId: 'X1' }, facts({ sender: { channel: 'batch', partner: { id: 'marketplace', customers: ['C*'] } } })),
    ).toEqual([expect.objectContaining({ code: 'CUSTOMER_NOT_ALLOWED' })]);
  });
});

describe('given an order checked at intake', () => {
  it('when everything is known and valid, then there is no conflict', () => {
    expect(intakeConflicts(order([{ gtin: gloves.gtin, quantity: 1, unitOfMeasure: 'BX' }]), facts())).toEqual([]);
  });

  it('when the customer is unknown, then that one order-level conflict blocks', () => {
    expect(intakeConflicts(order([{ gtin: gloves.gtin, quantity: 1 }]), facts({ customer: undefined }))).toEqual([
      { code: 'UNKNOWN_CUSTOMER', field: 'customerId', blocking: true, message: 'customer C1 does not exist' },
    ]);
  });

  it('when a GTIN is unknown and a known one is a digit swap away, then the line is blocked with that GTIN suggested', () => {
    const sent = '50012345678917';
    const [conflict] = intakeConflicts(order([{ gtin: sent, quantity: 1 }]), facts({ knownCandidates: new Set([gloves.gtin]) }));
    expect(conflict).toMatchObject({
      code: 'UNKNOWN_GTIN',
      lineNo: 1,
      field: 'lines.0.gtin',
      blocking: true,
      message: `line 1: product ${sent} does not exist`,
    });
    expect(conflict?.suggestion).toMatchObject({ gtin: gloves.gtin, text: expect.stringContaining('Nitrile gloves') });
  });

  it('when a GTIN is unknown and nothing known is near, then the line is blocked without a suggestion', () => {
    const [conflict] = intakeConflicts(order([{ gtin: '09999999999994', quantity: 1 }]), facts());
    expect(conflict).toMatchObject({ code: 'UNKNOWN_GTIN', blocking: true });
    expect(conflict?.suggestion).toBeUndefined();
  });

  it('when a product is on regulatory hold, then its line is blocked', () => {
    expect(intakeConflicts(order([{ gtin: stent.gtin, quantity: 1 }]), facts())).toEqual([
      expect.objectContaining({ code: 'PRODUCT_ON_HOLD', lineNo: 1, blocking: true, message: `line 1: product ${stent.gtin} is on regulatory hold` }),
    ]);
  });

  it('when the unit is not the one the product is sold in, then the line is blocked and the valid unit suggested', () => {
    expect(intakeConflicts(order([{ gtin: gloves.gtin, quantity: 1, unitOfMeasure: 'EA' }]), facts())).toEqual([
      expect.objectContaining({
        code: 'UNIT_NOT_SOLD',
        field: 'lines.0.unitOfMeasure',
        blocking: true,
        suggestion: expect.objectContaining({ unitOfMeasure: 'BX' }),
      }),
    ]);
  });

  it('when no unit is sent, then the product unit is assumed and nothing conflicts', () => {
    expect(intakeConflicts(order([{ gtin: gloves.gtin, quantity: 1 }]), facts())).toEqual([]);
  });

  it('when the customer licence for the device class expired, then the line is accepted and flagged (a regulatory review follows)', () => {
    const expired = facts({ customer: { shipTo: [], licences: [{ deviceClass: 'I', expiry: '2026-11-24' }], channels: ['portal'] } });
    const conflicts = intakeConflicts(order([{ gtin: gloves.gtin, quantity: 1 }]), expired);
    expect(conflicts).toEqual([
      expect.objectContaining({ code: 'LICENCE_EXPIRED', lineNo: 1, blocking: false, message: expect.stringContaining('expired on 2026-11-24') }),
    ]);
    expect(blockingConflicts(conflicts)).toEqual([]);
  });

  it('when the customer holds no licence for the class at all, then the flag says so', () => {
    const none = facts({ customer: { shipTo: [], licences: [], channels: ['portal'] } });
    expect(intakeConflicts(order([{ gtin: gloves.gtin, quantity: 1 }]), none)[0]?.message).toMatch(/holds no licence for class I/);
  });

  it('when the licence expires on the order date, then it is still valid that day', () => {
    const lastDay = facts({ customer: { shipTo: [], licences: [{ deviceClass: 'I', expiry: '2026-11-25' }], channels: ['portal'] } });
    expect(intakeConflicts(order([{ gtin: gloves.gtin, quantity: 1 }]), lastDay)).toEqual([]);
  });

  it('when several lines have problems, then each is reported on its own line', () => {
    const conflicts = intakeConflicts(
      order([
        { gtin: gloves.gtin, quantity: 1 },
        { gtin: '09999999999994', quantity: 1 },
        { gtin: stent.gtin, quantity: 1 },
      ]),
      facts(),
    );
    expect(conflicts.map((c) => [c.lineNo, c.code])).toEqual([
      [2, 'UNKNOWN_GTIN'],
      [3, 'PRODUCT_ON_HOLD'],
    ]);
  });
});

describe('given the ship-to of an order', () => {
  it('when it is one of the customer addresses written differently, then it is accepted', () => {
    expect(shipToConflicts({ ...dock, name: dock.name.toUpperCase() }, { shipTo: [dock], licences: [] })).toEqual([]);
  });

  it('when it is unknown, then it blocks and suggests the most alike known address', () => {
    const [conflict] = shipToConflicts({ ...dock, line1: '1 Hospital Rd' }, { shipTo: [otherDock, dock], licences: [] });
    expect(conflict).toMatchObject({ code: 'UNKNOWN_SHIP_TO', field: 'shipTo', blocking: true, suggestion: { shipTo: dock } });
  });

  it('when the customer has no ship-to addresses on record, then it is not checked', () => {
    expect(shipToConflicts(dock, { shipTo: [], licences: [] })).toEqual([]);
  });
});

describe('given the Validate step applying the same line rules', () => {
  it('when no licences are given, then only product rules apply and stored line numbers are kept', () => {
    const conflicts = lineConflicts({ lineNo: 4, gtin: stent.gtin, quantity: 1 }, 0, {
      products: new Map([[stent.gtin, stent]]),
      knownCandidates: new Set(),
      orderDate: '2026-11-25',
    });
    expect(conflicts).toEqual([
      expect.objectContaining({ code: 'PRODUCT_ON_HOLD', lineNo: 4, message: `line 4: product ${stent.gtin} is on regulatory hold` }),
    ]);
  });
});

describe('given serial-controlled products, scanned one unit at a time at the packing station', () => {
  const pump: IntakeProduct = {
    gtin: '05012345678931',
    name: 'Infusion pump',
    regulatoryStatus: 'RELEASED',
    unitOfMeasure: 'EA',
    deviceClass: 'I',
    serialControlled: true,
  };
  const monitor: IntakeProduct = {
    gtin: '05012345678948',
    name: 'Patient monitor',
    regulatoryStatus: 'RELEASED',
    unitOfMeasure: 'EA',
    deviceClass: 'I',
    serialControlled: true,
  };
  const withSerialized = () =>
    facts({
      products: new Map([
        [gloves.gtin, gloves],
        [pump.gtin, pump],
        [monitor.gtin, monitor],
      ]),
    });

  it('when an order has more serialized units than one confirmation can scan, then it is refused with a way out', () => {
    const conflicts = intakeConflicts(
      order([
        { gtin: pump.gtin, quantity: 300 },
        { gtin: gloves.gtin, quantity: 5_000 },
        { gtin: monitor.gtin, quantity: 201 },
      ]),
      withSerialized(),
    );
    expect(conflicts).toEqual([
      {
        code: 'TOO_MANY_SERIALS_TO_SCAN',
        field: 'lines',
        blocking: true,
        message: 'the order has 501 serialized units (lines 1, 3); one packing confirmation scans at most 500',
        suggestion: { text: 'split the order so that each has at most 500 serialized units' },
      },
    ]);
  });

  it('when the serialized units are exactly what one confirmation can scan, then there is no conflict', () => {
    expect(
      intakeConflicts(
        order([
          { gtin: pump.gtin, quantity: 300 },
          { gtin: monitor.gtin, quantity: 200 },
        ]),
        withSerialized(),
      ),
    ).toEqual([]);
  });

  it('when the workflow validates a stored order, then the same limit applies', () => {
    expect(productConflicts([{ lineNo: 2, gtin: pump.gtin, quantity: 501 }], withSerialized()).map((conflict) => conflict.code)).toEqual([
      'TOO_MANY_SERIALS_TO_SCAN',
    ]);
  });
});
