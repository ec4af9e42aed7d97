import { describe, expect, it } from 'vitest';
import {
  buildConsignees,
  CLASS_RULES,
  containmentOf,
  recallLetter,
  recalledShipments,
  recallProgress,
  responseTimeMs,
  type ConsigneeDirectory,
  type ShippedLot,
} from '../../../shared/recalls/domain/recall.js';
import { CreateRecallRequest } from '../../../shared/recalls/schemas/recall.js';

const address = (name: string) => ({ name, line1: '1 Road', city: 'Town', postalCode: '1', country: 'DE' });
const directory: ConsigneeDirectory = {
  customers: new Map([
    ['CUST-A', { legalName: 'Alpha Hospital', contactEmail: 'a@example.test' }],
    ['CUST-B', { legalName: 'Beta Clinic', contactEmail: 'b@example.test' }],
  ]),
  shipTo: new Map([
    ['ORD-1', address('Alpha ward 1')],
    ['ORD-2', address('Beta main')],
    ['ORD-3', address('Alpha ward 3')],
  ]),
  invoiceNumbers: new Map([['ORD-1', 'INV-1']]),
  shipmentIdOf: (orderId) => orderId.replace('ORD-', 'SHP-'),
};
const shipment = (overrides: Partial<ShippedLot>): ShippedLot => ({
  lotNumber: 'L1',
  orderId: 'ORD-1',
  lineNo: 1,
  customerId: 'CUST-A',
  quantity: 1,
  shippedAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

describe('given the shipments of recalled lots', () => {
  const shipments = [
    shipment({ orderId: 'ORD-3', quantity: 4, lotNumber: 'L2', shippedAt: '2026-11-03T10:00:00.000Z' }),
    shipment({ orderId: 'ORD-2', customerId: 'CUST-B', quantity: 7 }),
    shipment({ orderId: 'ORD-1', quantity: 5, serials: ['S1', 'S2'] }),
  ];

  it('when the package is built, then there is one consignee per customer with quantities per lot and in total, each shipment with its documents', () => {
    const consignees = buildConsignees(shipments, directory);
    expect(consignees.map((c) => c.customerId)).toEqual(['CUST-A', 'CUST-B']);
    const [alpha, beta] = consignees;
    expect(alpha).toMatchObject({ legalName: 'Alpha Hospital', contactEmail: 'a@example.test', quantity: 9, quantityByLot: { L1: 5, L2: 4 } });
    expect(alpha!.shipments).toEqual([
      {
        lotNumber: 'L1',
        quantity: 5,
        serials: ['S1', 'S2'],
        shippedAt: '2026-11-01T10:00:00.000Z',
        orderId: 'ORD-1',
        shipmentId: 'SHP-1',
        invoiceNumber: 'INV-1',
      },
      { lotNumber: 'L2', quantity: 4, shippedAt: '2026-11-03T10:00:00.000Z', orderId: 'ORD-3', shipmentId: 'SHP-3' },
    ]);
    expect(beta).toMatchObject({ quantity: 7, quantityByLot: { L1: 7 } });
  });

  it('when a consignee received several shipments, then its address is the latest shipment’s', () => {
    expect(buildConsignees(shipments, directory)[0]!.address).toEqual(address('Alpha ward 3'));
  });

  it('when a consignee is missing from master data, then it stays in the package under its id, without a contact', () => {
    const [unknown] = buildConsignees([shipment({ customerId: 'CUST-GONE' })], directory);
    expect(unknown).toMatchObject({ customerId: 'CUST-GONE', legalName: 'CUST-GONE' });
    expect(unknown).not.toHaveProperty('contactEmail');
  });

  it('when nothing was shipped, then there is nobody to notify', () => {
    expect(buildConsignees([], directory)).toEqual([]);
  });
});

describe('given the shipments of the lots of recalled serials', () => {
  const traced = [
    shipment({ orderId: 'ORD-1', quantity: 3, serials: ['S1', 'S2', 'S3'] }),
    shipment({ orderId: 'ORD-2', customerId: 'CUST-B', quantity: 2, serials: ['S4', 'S5'] }),
    shipment({ orderId: 'ORD-3', lotNumber: 'L2', quantity: 4 }),
  ];

  it('when only serials are recalled, then only the shipments that carried them count, each as its recalled serials alone', () => {
    expect(recalledShipments(traced, { lots: [], serials: ['S2', 'S5', 'S9'] })).toEqual([
      expect.objectContaining({ orderId: 'ORD-1', quantity: 1, serials: ['S2'] }),
      expect.objectContaining({ orderId: 'ORD-2', quantity: 1, serials: ['S5'] }),
    ]);
  });

  it('when a whole lot is recalled beside serials of another lot, then every shipment of the lot counts whole', () => {
    expect(recalledShipments(traced, { lots: ['L2'], serials: ['S4'] }).map((s) => [s.orderId, s.quantity, s.serials])).toEqual([
      ['ORD-2', 1, ['S4']],
      ['ORD-3', 4, undefined],
    ]);
  });

  it('when the letter is written for a serial recall, then it names exactly the recalled serials the consignee received', () => {
    const [alpha] = buildConsignees(recalledShipments(traced, { lots: [], serials: ['S1', 'S3'] }), directory);
    const letter = recallLetter(
      { recallId: 'RCL-2', class: 'II', reason: 'Battery may fail early', gtin: '05012345678900', productName: 'Pump' },
      alpha!,
      'link',
    );
    expect(letter.text).toContain('  - lot L1: 2 unit(s), serials S1, S3');
    expect(letter.text).not.toContain('S2');
  });
});

describe('given a recall letter', () => {
  const [consignee] = buildConsignees([shipment({ quantity: 5, serials: ['S1'] }), shipment({ lotNumber: 'L2', orderId: 'ORD-3', quantity: 2 })], directory);
  const facts = { recallId: 'RCL-1', class: 'I' as const, reason: 'Sterile barrier may be breached', gtin: '05012345678900', productName: 'Stent' };

  it('when it is written, then it names the product, each lot with quantity and serials, the reason, what to do and the link', () => {
    const letter = recallLetter(facts, consignee!, 'https://api.example/v1/recall-acks/abc');
    expect(letter.subject).toBe('URGENT Medical device recall RCL-1 (Class I): Stent, for Alpha Hospital');
    expect(letter.text).toContain('Product: Stent (GTIN 05012345678900)');
    expect(letter.text).toContain('  - lot L1: 5 unit(s), serials S1');
    expect(letter.text).toContain('  - lot L2: 2 unit(s)');
    expect(letter.text).toContain('order ORD-1, shipment SHP-1, invoice INV-1');
    expect(letter.text).toContain('Reason and hazard: Sterile barrier may be breached');
    expect(letter.text).toContain(CLASS_RULES.I.action);
    expect(letter.text).toContain('https://api.example/v1/recall-acks/abc');
  });

  it.each(['II', 'III'] as const)('when the class is %s, then the subject is not marked urgent and the class’s own instructions apply', (recallClass) => {
    const letter = recallLetter({ ...facts, class: recallClass }, consignee!, 'link');
    expect(letter.subject.startsWith('Medical device recall')).toBe(true);
    expect(letter.text).toContain(CLASS_RULES[recallClass].action);
    expect(letter.text).toContain(`within ${CLASS_RULES[recallClass].acknowledgeWithinDays} day(s)`);
  });

  it('when the classes are compared, then a more serious class asks for a faster acknowledgement', () => {
    expect(CLASS_RULES.I.acknowledgeWithinDays).toBeLessThan(CLASS_RULES.II.acknowledgeWithinDays);
    expect(CLASS_RULES.II.acknowledgeWithinDays).toBeLessThan(CLASS_RULES.III.acknowledgeWithinDays);
  });
});

describe('given the consignees of a recall', () => {
  it('when progress is counted, then letters sent and failed, acknowledgements and units are summed', () => {
    expect(
      recallProgress([
        { quantity: 5, letter: { status: 'SENT' }, acknowledgement: { acknowledgedAt: '2026-11-25T12:00:00.000Z', contactName: 'A', quantityOnHand: 3 } },
        { quantity: 7, letter: { status: 'SENT' } },
        { quantity: 2, letter: { status: 'FAILED', error: 'no contact' } },
        { quantity: 1, letter: { status: 'PENDING' } },
      ]),
    ).toEqual({ consignees: 4, notified: 2, notificationFailed: 1, delivered: 0, bounced: 0, acknowledged: 1, unitsShipped: 15, unitsRecovered: 3 });
  });

  it('when there are none, then every count is zero', () => {
    expect(recallProgress([])).toEqual({
      consignees: 0,
      notified: 0,
      notificationFailed: 0,
      delivered: 0,
      bounced: 0,
      acknowledged: 0,
      unitsShipped: 0,
      unitsRecovered: 0,
    });
  });

  it('when the mail service reported on the letters, then delivered (complaints too, they arrived) and bounced are counted, and every accepted letter still counts as notified', () => {
    expect(
      recallProgress([
        { quantity: 1, letter: { status: 'DELIVERED' } },
        { quantity: 1, letter: { status: 'BOUNCED' } },
        { quantity: 1, letter: { status: 'COMPLAINED' } },
        { quantity: 1, letter: { status: 'SENT' } },
      ]),
    ).toMatchObject({ notified: 4, delivered: 2, bounced: 1, notificationFailed: 0 });
  });

  it('when the response time is taken, then it is the milliseconds from creation to completion', () => {
    expect(responseTimeMs('2026-11-25T12:00:00.000Z', '2026-11-25T12:00:07.250Z')).toBe(7250);
  });
});

describe('given the status of a recalled lot', () => {
  it.each([
    ['RELEASED', 'HOLD'],
    ['ON_HOLD', 'ALREADY_HELD'],
    ['QUARANTINED', 'NOT_ALLOCATABLE'],
    ['REJECTED', 'NOT_ALLOCATABLE'],
  ])('when it is %s, then the recall does %s', (status, expected) => {
    expect(containmentOf(status)).toBe(expected);
  });
});

describe('given a recall request', () => {
  const valid = { class: 'II', reason: 'Label shows the wrong size', gtin: '05012345678900', lots: ['L1', 'L2'] };

  it('when it is complete, then it parses', () => {
    expect(CreateRecallRequest.parse(valid)).toEqual(valid);
  });

  it('when it names serials instead of lots, or both, then it parses', () => {
    const { lots: _lots, ...serialsOnly } = { ...valid, serials: ['SN-1', 'SN-2'] };
    expect(CreateRecallRequest.parse(serialsOnly)).toEqual(serialsOnly);
    expect(CreateRecallRequest.parse({ ...valid, serials: ['SN-1'] })).toEqual({ ...valid, serials: ['SN-1'] });
  });

  it('when a duplicate is named, then the message says which one', () => {
    const result = CreateRecallRequest.safeParse({ ...valid, serials: ['SN-7', 'SN-7'] });
    expect(result.error?.issues.map((issue) => issue.message)).toContain('serial SN-7 is named twice');
  });

  it.each([
    ['an unknown class', { class: 'IV' }, 'class'],
    ['a short reason', { reason: 'bad' }, 'reason'],
    ['a wrong GTIN check digit', { gtin: '05012345678901' }, 'gtin'],
    ['no lots', { lots: [] }, 'lots'],
    ['neither lots nor serials', { lots: undefined }, 'lots'],
    ['a lot named twice', { lots: ['L1', 'L1'] }, 'lots'],
    ['a serial named twice', { serials: ['S1', 'S2', 'S1'] }, 'serials'],
    ['a serial with a space', { serials: ['S 1'] }, 'serials'],
    ['more than 90 serials', { lots: undefined, serials: Array.from({ length: 91 }, (_, i) => `S${i}`) }, 'serials'],
    [
      'more than 99 lots and serials together',
      { lots: Array.from({ length: 20 }, (_, i) => `L${i}`), serials: Array.from({ length: 80 }, (_, i) => `S${i}`) },
      'serials',
    ],
  ])('when it has %s, then it is refused on that field', (_, change, field) => {
    const result = CreateRecallRequest.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});
