import { describe, expect, it } from 'vitest';
import { batchIdOfKey, continuationKey, uploadKey } from '../../../../shared/channels/domain/batch/object-keys.js';
import { newBatchId } from '../../../../shared/platform/domain/ids.js';

describe('given the objects of the batch upload bucket', () => {
  const batchId = newBatchId(new Date('2026-11-25T12:00:00Z'));

  it('when an upload or a continuation is named, then the processor finds the batch again from the key', () => {
    expect(batchIdOfKey(uploadKey(batchId))).toBe(batchId);
    expect(continuationKey(batchId, 400)).toBe(`continuations/${batchId}/000400`);
    expect(batchIdOfKey(continuationKey(batchId, 400))).toBe(batchId);
  });

  it('when any other object appears, then it names no batch', () => {
    for (const key of ['uploads/notes.txt', `uploads/${batchId}.csv.bak`, `elsewhere/${batchId}.csv`, `continuations/${batchId}`])
      expect(batchIdOfKey(key), key).toBeUndefined();
  });
});
