import { describe, expect, it } from 'vitest';
import { changedFields, recordedAtAfter } from '../../../shared/master-data/domain/master-versions.js';

describe('given two versions of a master record', () => {
  it('when fields change, are added or removed, then each is named once, sorted', () => {
    expect(changedFields({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', d: true })).toEqual(['b', 'c', 'd']);
  });

  it('when only the key order of a nested object differs, then nothing changed', () => {
    expect(changedFields({ discount: { type: 'PERCENT', percent: '10' } }, { discount: { percent: '10', type: 'PERCENT' } })).toEqual([]);
  });

  it('when there is no previous version, then every field is new', () => {
    expect(changedFields(undefined, { b: 1, a: 2 })).toEqual(['a', 'b']);
  });
});

describe('given the time of the previous version', () => {
  it('when the clock is ahead of it, then the new version takes the clock', () => {
    expect(recordedAtAfter('2026-11-25T10:00:00.000Z', new Date('2026-11-25T10:00:01.000Z'))).toBe('2026-11-25T10:00:01.000Z');
  });

  it('when the clock is behind or equal, then the new version is one millisecond later, so versions stay in order', () => {
    expect(recordedAtAfter('2026-11-25T10:00:00.000Z', new Date('2026-11-25T09:59:59.000Z'))).toBe('2026-11-25T10:00:00.001Z');
    expect(recordedAtAfter('2026-11-25T10:00:00.000Z', new Date('2026-11-25T10:00:00.000Z'))).toBe('2026-11-25T10:00:00.001Z');
  });
});
