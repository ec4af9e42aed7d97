import { describe, expect, it } from 'vitest';
import { acknowledgePurchaseOrder, poAckSegments } from '../../../../shared/channels/domain/x12/ack855.js';
import { functionalAckSegments, groupStatus, type GroupAck } from '../../../../shared/channels/domain/x12/ack997.js';
import { renderInterchange } from '../../../../shared/channels/domain/x12/render.js';
import { parseInterchange } from '../../../../shared/channels/domain/x12/envelope.js';

const envelope = {
  from: { qualifier: 'ZZ', id: 'O2CDIST' },
  to: { qualifier: 'ZZ', id: 'HOSPEDI01' },
  groupFrom: 'O2CDIST',
  groupTo: 'HOSPEDI01',
  version: '004010',
  controlNumber: 42,
  at: new Date('2026-11-25T12:34:00Z'),
  usage: 'P',
};

describe('given the outcome of a group of three 850s, one rejected for a bad CTT count', () => {
  const group: GroupAck = {
    functionalId: 'PO',
    controlNumber: '11',
    version: '004010',
    codes: [],
    sets: [
      { id: '850', controlNumber: '0001', status: 'A', codes: [], errors: [] },
      {
        id: '850',
        controlNumber: '0002',
        status: 'R',
        codes: ['5'],
        errors: [{ segmentId: 'CTT', position: 7, code: '8', elements: [{ position: 1, reference: '354', code: '7', value: '3' }], message: '' }],
      },
      { id: '850', controlNumber: '0003', status: 'R', codes: ['3'], errors: [] },
    ],
  };

  it('when the 997 is built, then it has AK1, AK2/AK3/AK4/AK5 per set and AK9 partially accepted with 3 received and 1 accepted', () => {
    expect(groupStatus(group)).toBe('P');
    const text = renderInterchange({ ...envelope, functionalId: 'FA' }, '997', [functionalAckSegments(group)]);
    expect(text).toBe(
      [
        'ISA*00*          *00*          *ZZ*O2CDIST        *ZZ*HOSPEDI01      *261125*1234*U*00401*000000042*0*P*:~',
        'GS*FA*O2CDIST*HOSPEDI01*20261125*1234*42*X*004010~',
        'ST*997*0001~',
        'AK1*PO*11~',
        'AK2*850*0001~',
        'AK5*A~',
        'AK2*850*0002~',
        'AK3*CTT*7**8~',
        'AK4*1*354*7*3~',
        'AK5*R*5~',
        'AK2*850*0003~',
        'AK5*R*3~',
        'AK9*P*3*3*1~',
        'SE*12*0001~',
        'GE*1*42~',
        'IEA*1*000000042~',
      ].join('\n'),
    );
    // What we send, we can read back: the envelope of the 997 is sound.
    expect(parseInterchange(text).groups[0]!.sets[0]!.envelopeErrors).toEqual([]);
  });

  it('when the group itself is broken (GS06 and GE02 differ), then every set and the group are rejected with AK9 code 4', () => {
    const segments = functionalAckSegments({ ...group, codes: ['4'] });
    expect(segments.filter((s) => s[0] === 'AK5').map((s) => s[1])).toEqual(['R', 'R', 'R']);
    expect(segments.at(-1)).toEqual(['AK9', 'R', 3, 3, 0, '4']);
  });

  it('when every set is accepted, then AK9 is A', () => {
    expect(groupStatus({ ...group, sets: [group.sets[0]!] })).toBe('A');
  });
});

describe('given what a buyer sent and what became of the order', () => {
  const sent = [
    { lineId: '10', quantity: 4, unitOfMeasure: 'EA', unitPrice: '13.00', productIds: [{ qualifier: 'VC', value: 'SYR-5ML' }], gtin: '05012345678900' },
    { lineId: '20', quantity: 2, unitOfMeasure: 'EA', unitPrice: '12.90', productIds: [{ qualifier: 'UK', value: '05012345678917' }], gtin: '05012345678917' },
  ];
  const fate = {
    orderId: 'ORD-1',
    customerPo: 'PO-9',
    poDate: '2026-11-24',
    outcome: 'ACCEPTED' as const,
    lines: [
      { quantity: 4, unitPrice: '14.50' },
      { quantity: 2, unitPrice: '12.9000' },
    ],
  };

  it('when a price differs, then that line is IP with our price, the other IA, and the 855 is accepted with changes (AC)', () => {
    const ack = acknowledgePurchaseOrder(sent, fate);
    expect(ack.type).toBe('AC');
    expect(ack.status).toBe('ACCEPTED_WITH_CHANGES');
    expect(ack.lines.map((l) => [l.lineId, l.status, l.unitPrice, l.sentUnitPrice])).toEqual([
      ['10', 'IP', '14.50', '13.00'],
      ['20', 'IA', '12.9000', '12.90'],
    ]);
    expect(poAckSegments(ack, '2026-11-25')).toEqual([
      ['BAK', '00', 'AC', 'PO-9', '20261124', '', '', '', 'ORD-1', '20261125'],
      ['PO1', '10', 4, 'EA', '14.50', '', 'VC', 'SYR-5ML'],
      ['ACK', 'IP', 4, 'EA'],
      ['PO1', '20', 2, 'EA', '12.9000', '', 'UK', '05012345678917'],
      ['ACK', 'IA', 2, 'EA'],
      ['CTT', 2],
    ]);
  });

  it('when nothing changed, then every line is IA and the 855 is AD; a quantity change is IQ', () => {
    expect(
      acknowledgePurchaseOrder(sent, {
        ...fate,
        lines: [
          { quantity: 4, unitPrice: '13.00' },
          { quantity: 2, unitPrice: '12.90' },
        ],
      }),
    ).toMatchObject({ type: 'AD', status: 'ACCEPTED' });
    expect(acknowledgePurchaseOrder(sent, { ...fate, lines: [{ quantity: 3, unitPrice: '13.00' }, { quantity: 2 }] }).lines.map((l) => l.status)).toEqual([
      'IQ',
      'IA',
    ]);
  });

  it('when the order was rejected, then every line is IR, the 855 is RD and carries the reason', () => {
    const ack = acknowledgePurchaseOrder(sent, { ...fate, outcome: 'REJECTED', reason: 'line 1: product 05012345678900 is on regulatory hold' });
    expect(ack).toMatchObject({ type: 'RD', status: 'REJECTED' });
    expect(ack.lines.map((l) => l.status)).toEqual(['IR', 'IR']);
    expect(poAckSegments(ack, '2026-11-25')[1]).toEqual(['MSG', 'line 1: product 05012345678900 is on regulatory hold']);
  });

  it('when an accepted order is rejected later, then the revised 855 replaces the first (BAK01 05), rejects every line and carries the reason', () => {
    const ack = acknowledgePurchaseOrder(sent, {
      ...fate,
      purpose: 'REPLACE',
      outcome: 'REJECTED',
      reason: 'credit: exposure above the limit and the release was refused',
    });
    expect(ack).toMatchObject({ purpose: 'REPLACE', type: 'RD', status: 'REJECTED' });
    const segments = poAckSegments(ack, '2026-11-26');
    expect(segments[0]).toEqual(['BAK', '05', 'RD', 'PO-9', '20261124', '', '', '', 'ORD-1', '20261126']);
    expect(segments[1]).toEqual(['MSG', 'credit: exposure above the limit and the release was refused']);
    expect(segments.filter((segment) => segment[0] === 'ACK').map((segment) => segment[1])).toEqual(['IR', 'IR']);
  });

  it('when no purpose is given, then the 855 is the original (BAK01 00)', () => {
    expect(acknowledgePurchaseOrder(sent, fate).purpose).toBe('ORIGINAL');
  });

  it('when the 855 is rendered with separators in a reason, then they are replaced so the document stays readable', () => {
    const ack = acknowledgePurchaseOrder(sent, { ...fate, outcome: 'REJECTED', reason: 'bad*value~here' });
    const text = renderInterchange({ ...envelope, functionalId: 'PR' }, '855', [poAckSegments(ack, '2026-11-25')]);
    expect(text).toContain('MSG*bad value here~');
    expect(parseInterchange(text).groups[0]!.sets[0]!.segments.at(-1)!.elements).toEqual(['SE', '9', '0001']);
  });

  it('when the reason holds accents, a no-break space, an ellipsis and a line break, then the 855 is spelled in X12 characters and reads back', () => {
    const ack = acknowledgePurchaseOrder(sent, { ...fate, outcome: 'REJECTED', reason: 'Crédit\u00a0bloqué…\nvoir 🙂' });
    const text = renderInterchange({ ...envelope, functionalId: 'PR' }, '855', [poAckSegments(ack, '2026-11-25')]);
    expect(text).toContain('MSG*Credit bloque... voir ?~');
    expect(parseInterchange(text).groups[0]!.sets[0]!.envelopeErrors).toEqual([]);
  });
});
