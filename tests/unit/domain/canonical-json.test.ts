import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../shared/platform/domain/canonical-json.js';

describe('given objects whose keys were inserted in different orders', () => {
  it('when canonicalized, then keys are sorted and no whitespace is written', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it('when the same record is built in two orders, then both serialize to the same bytes', () => {
    const one = { orderId: 'ORD-1', total: '12.50', lines: [{ gtin: '05012345678900', qty: 2 }] };
    const two = { lines: [{ qty: 2, gtin: '05012345678900' }], total: '12.50', orderId: 'ORD-1' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('when keys differ in case, then they sort by code unit (uppercase first), not by locale', () => {
    expect(canonicalJson({ b: 1, a: 2, B: 3, A: 4 })).toBe('{"A":4,"B":3,"a":2,"b":1}');
  });

  it('when keys are numeric strings, then they sort as text', () => {
    expect(canonicalJson({ '10': 'x', '9': 'y', '1': 'z' })).toBe('{"1":"z","10":"x","9":"y"}');
  });
});

describe('given nested structures', () => {
  it('when canonicalized, then keys are sorted at every level and array order is kept', () => {
    const value = { z: { y: [3, 1, 2], x: { b: true, a: null } }, a: [{ d: 'd', c: 'c' }] };
    expect(canonicalJson(value)).toBe('{"a":[{"c":"c","d":"d"}],"z":{"x":{"a":null,"b":true},"y":[3,1,2]}}');
  });

  it('when empty containers are present, then they are kept', () => {
    expect(canonicalJson({ a: {}, b: [] })).toBe('{"a":{},"b":[]}');
  });

  it('when strings need escaping, then they are escaped as JSON', () => {
    expect(canonicalJson({ note: 'line "1"\nµ€' })).toBe('{"note":"line \\"1\\"\\nµ€"}');
  });
});

describe('given members that are undefined', () => {
  it('when canonicalized, then undefined members are dropped, null is kept', () => {
    expect(canonicalJson({ a: undefined, b: null, c: 1 })).toBe('{"b":null,"c":1}');
  });

  it('when an optional member is missing or undefined, then both forms serialize the same', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });
});

describe('given numbers', () => {
  it('when they are safe integers, then they are written as integers', () => {
    expect(canonicalJson([0, -5, 42, Number.MAX_SAFE_INTEGER])).toBe('[0,-5,42,9007199254740991]');
  });

  it.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'when a number is %s, then it is refused (amounts must be decimal strings)',
    (value) => {
      expect(() => canonicalJson({ amount: value })).toThrow(/integers only/);
    },
  );
});

describe('given values JSON cannot hold faithfully', () => {
  it.each([
    ['a bigint', 1n],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
  ])('when %s is canonicalized, then it is refused', (_kind, value) => {
    expect(() => canonicalJson({ value })).toThrow(/cannot canonicalize/);
  });

  it.each([
    ['a Date', new Date(0)],
    ['a Set', new Set([1])],
    ['a Map', new Map([['a', 1]])],
  ])('when %s is canonicalized, then it is refused rather than written as {}', (_kind, value) => {
    expect(() => canonicalJson({ value })).toThrow(/plain objects only/);
  });
});

describe('given a canonical document', () => {
  it('when hashed, then the SHA-256 is the standard digest in lowercase hex', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('when given bytes instead of a string, then the digest is the same for the same UTF-8 bytes', () => {
    expect(sha256Hex(new TextEncoder().encode('µ€'))).toBe(sha256Hex('µ€'));
  });

  it('when the same record is hashed in any key order, then the hash is stable', () => {
    const a = sha256Hex(canonicalJson({ x: 1, y: { b: '2', a: '1' } }));
    const b = sha256Hex(canonicalJson({ y: { a: '1', b: '2' }, x: 1 }));
    expect(a).toBe(b);
    expect(a).toBe(sha256Hex('{"x":1,"y":{"a":"1","b":"2"}}'));
  });

  it('when one character changes, then the hash changes', () => {
    expect(sha256Hex(canonicalJson({ total: '12.50' }))).not.toBe(sha256Hex(canonicalJson({ total: '12.51' })));
  });
});
