import { describe, expect, it } from 'vitest';
import { readDelimiters, tokenize, X12SyntaxError } from '../../../../shared/channels/domain/x12/tokenizer.js';
import { interchange, po850 } from '../../../support/x12.js';

const order = po850({ po: 'PO-1', lines: [{ id: '1', quantity: 2, price: '12.90', ids: [['UK', '05012345678917']] }] });

describe('given the separators an interchange declares in its ISA', () => {
  it('when they are "*", ":" and "~" with a newline after each segment (00401, ISA11 "U"), then they are read from the ISA and the newlines are layout', () => {
    const text = interchange({ control: '1', groups: [{ control: '1', sets: [{ control: '0001', segments: order }] }] });
    const { delimiters, segments } = tokenize(text);
    expect(delimiters).toEqual({ element: '*', component: ':', segment: '~' });
    expect(segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'BEG', 'N1', 'N3', 'N4', 'PO1', 'CTT', 'SE', 'GE', 'IEA']);
    expect(segments[7]!.elements).toEqual(['PO1', '1', '2', 'EA', '12.90', '', 'UK', '05012345678917']);
  });

  it('when segments are terminated by a newline and elements separated by "|" with "^" components (version 00401, ISA11 "U"), then they are read alike', () => {
    const text = interchange({
      control: '2',
      separators: { element: '|', component: '^', repetition: '^', segment: '\n', after: '' },
      groups: [{ control: '1', sets: [{ control: '0001', segments: order }] }],
    });
    const { delimiters, segments } = tokenize(text);
    expect(delimiters).toEqual({ element: '|', component: '^', segment: '\n' });
    expect(segments.find((s) => s.id === 'BEG')!.elements).toEqual(['BEG', '00', 'SA', 'PO-1', '', '20261125']);
  });

  it('when the version is 00501, then ISA11 is the repetition separator', () => {
    const text = interchange({
      control: '3',
      version: '005010',
      separators: { element: '*', component: '>', repetition: '{', segment: '~', after: '\r\n' },
      groups: [{ control: '1', sets: [{ control: '0001', segments: order }] }],
    });
    expect(readDelimiters(text)).toEqual({ element: '*', component: '>', repetition: '{', segment: '~' });
    expect(tokenize(text).segments).toHaveLength(12);
  });

  it('when the body is binary, not ISA, or a truncated ISA, then it is refused with a message saying which', () => {
    expect(() => tokenize('\x00\x01\x02ISA')).toThrow(/binary or control characters/);
    expect(() => tokenize('{"customerId":"CUST-ACME"}')).toThrow(/must start with an ISA segment/);
    expect(() => tokenize('ISA*00*  ')).toThrow(/truncated interchange: the ISA segment needs 106 characters/);
    expect(() => tokenize('ISA*00*  ')).toThrow(X12SyntaxError);
  });
});
