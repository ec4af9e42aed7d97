import { describe, expect, it } from 'vitest';
import { $set } from 'dynamodb-toolbox/entity/actions/update';
import { replacingWhole } from '../../../shared/platform/data/whole-values.js';

describe('given the changes of an update (orders, merges, recalls)', () => {
  it('when they hold maps and lists, then those are replaced whole and scalars set as they are', () => {
    const lines = [{ lineNo: 1 }];
    const credit = { status: 'OK' };
    expect(replacingWhole({ lines, credit, total: '10.00', version: 3, statusReason: null })).toEqual({
      lines: $set(lines),
      credit: $set(credit),
      total: '10.00',
      version: 3,
      statusReason: null,
    });
  });
});
