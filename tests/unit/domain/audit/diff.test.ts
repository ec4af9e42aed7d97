import { describe, expect, it } from 'vitest';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { attributeChanges, normalizeValue, numberFromDynamo } from '../../../../shared/compliance/domain/audit/diff.js';

describe('given two images of an item', () => {
  it('when one attribute changed, then only it is listed with its before and after values', () => {
    expect(attributeChanges({ status: 'RECEIVED', version: 1, total: '10.00' }, { status: 'VALIDATED', version: 2, total: '10.00' })).toEqual([
      { field: 'status', before: 'RECEIVED', after: 'VALIDATED' },
      { field: 'version', before: 1, after: 2 },
    ]);
  });

  it('when attributes were added and removed, then an added one has no before and a removed one no after', () => {
    expect(attributeChanges({ a: 1, gone: 'x' }, { a: 1, added: 'y' })).toEqual([
      { field: 'added', after: 'y' },
      { field: 'gone', before: 'x' },
    ]);
  });

  it('when a nested map differs only in key order, then it is not a change', () => {
    expect(attributeChanges({ shipTo: { city: 'Bonn', name: 'A' } }, { shipTo: { name: 'A', city: 'Bonn' } })).toEqual([]);
  });

  it('when a nested list element changed, then the whole attribute is listed', () => {
    const before = { lines: [{ lineNo: 1, quantity: 2 }] };
    const after = { lines: [{ lineNo: 1, quantity: 3 }] };
    expect(attributeChanges(before, after)).toEqual([{ field: 'lines', before: before.lines, after: after.lines }]);
  });
});

describe('given values read from a DynamoDB stream', () => {
  it('when a number is a decimal or beyond 2^53, then it becomes its exact decimal string', () => {
    const image = unmarshall({ a: { N: '12.50' }, b: { N: '90071992547409930' }, c: { N: '7' } }, { wrapNumbers: numberFromDynamo });
    expect(normalizeValue(image)).toEqual({ a: '12.50', b: '90071992547409930', c: 7 });
  });

  it('when a value is a set or a binary, then it becomes a sorted array or base64', () => {
    expect(normalizeValue({ s: new Set(['b', 'a']), bin: new Uint8Array([1, 2]) })).toEqual({ s: ['a', 'b'], bin: 'AQI=' });
  });

  it('when a plain float slipped through, then it is kept as its decimal string', () => {
    expect(normalizeValue(0.1)).toBe('0.1');
  });
});
