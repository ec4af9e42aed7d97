import { describe, expect, it } from 'vitest';
import { parseInterchange } from '../../../../shared/channels/domain/x12/envelope.js';
import { interchange, po850 } from '../../../support/x12.js';

const order = (po: string) => po850({ po, lines: [{ id: '1', quantity: 2, ids: [['UK', '05012345678917']] }] });

describe('given an interchange with two functional groups holding three 850s', () => {
  const text = interchange({
    control: '905',
    groups: [
      {
        control: '11',
        sets: [
          { control: '0001', segments: order('PO-A') },
          { control: '0002', segments: order('PO-B') },
        ],
      },
      { control: '12', sets: [{ control: '0001', segments: order('PO-C') }] },
    ],
  });

  it('when the envelope is read, then the header, the groups and their sets with their segments are there and sound', () => {
    const parsed = parseInterchange(text);
    expect(parsed.header).toMatchObject({ senderQualifier: 'ZZ', senderId: 'HOSPEDI01', receiverId: 'O2CDIST', controlNumber: '000000905' });
    expect(parsed.groups.map((g) => [g.controlNumber, g.errors, g.sets.map((s) => [s.id, s.controlNumber, s.envelopeErrors, s.segments.length])])).toEqual([
      [
        '11',
        [],
        [
          ['850', '0001', [], 8],
          ['850', '0002', [], 8],
        ],
      ],
      ['12', [], [['850', '0001', [], 8]]],
    ]);
  });
});

describe('given envelope faults', () => {
  const base = {
    control: '7',
    groups: [
      {
        control: '1',
        sets: [
          { control: '0001', segments: order('PO-1') },
          { control: '0002', segments: order('PO-2') },
        ],
      },
    ],
  };

  it('when ST02 and SE02 differ, or SE01 miscounts, then only that set carries AK5 code 3 or 4', () => {
    const parsed = parseInterchange(
      interchange({
        ...base,
        groups: [
          {
            control: '1',
            sets: [
              { control: '0001', segments: order('PO-1'), trailerControl: '0009' },
              { control: '0002', segments: order('PO-2'), segmentCountDelta: 1 },
            ],
          },
        ],
      }),
    );
    expect(parsed.groups[0]!.sets.map((s) => s.envelopeErrors)).toEqual([['3'], ['4']]);
  });

  it('when GS06 and GE02 differ, or GE01 miscounts, then the group carries AK9 code 4 or 5', () => {
    expect(parseInterchange(interchange({ ...base, groups: [{ ...base.groups[0]!, trailerControl: '2' }] })).groups[0]!.errors).toEqual(['4']);
    expect(parseInterchange(interchange({ ...base, groups: [{ ...base.groups[0]!, setCountDelta: 1 }] })).groups[0]!.errors).toEqual(['5']);
  });

  it('when a group is not purchase orders (GS01 IN), then it is not supported (AK9 code 1)', () => {
    expect(parseInterchange(interchange({ ...base, groups: [{ ...base.groups[0]!, functionalId: 'IN' }] })).groups[0]!.errors).toEqual(['1']);
  });

  it('when ISA13 and IEA02 differ, IEA01 miscounts, or the interchange is cut short, then the whole interchange is refused', () => {
    expect(() => parseInterchange(interchange({ ...base, trailerControl: '8' }))).toThrow('IEA02 "000000008" does not match ISA13 "000000007"');
    const text = interchange(base);
    expect(() => parseInterchange(text.replace('IEA*1*', 'IEA*2*'))).toThrow('IEA01 says 2 functional group(s), the interchange holds 1');
    expect(() => parseInterchange(text.slice(0, text.indexOf('GE*')))).toThrow(/truncated interchange/);
    expect(() => parseInterchange(text.slice(0, text.indexOf('IEA*')))).toThrow('truncated interchange: the IEA trailer is missing');
  });

  it('when a set has no SE before the next ST, then it is rejected as trailer missing (AK5 code 2)', () => {
    const text = interchange(base).replace(/SE\*8\*0001~\n/, '');
    const parsed = parseInterchange(text);
    expect(parsed.groups[0]!.sets[0]!.envelopeErrors).toEqual(['2']);
    expect(parsed.groups[0]!.sets[1]!.envelopeErrors).toEqual([]);
  });
});
