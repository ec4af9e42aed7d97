import { describe, expect, it, vi } from 'vitest';
import type { TransactionItem } from '../../../shared/platform/data/transaction.js';

const sent = vi.hoisted(() => ({ items: [] as unknown[] }));
vi.mock('dynamodb-toolbox/entity/actions/transactWrite', () => ({
  execute: async (...items: unknown[]) => {
    sent.items = items;
  },
}));

const { cancellationReasons, executeNamed } = await import('../../../shared/platform/data/transaction.js');

const item = (name: string) => ({ name }) as unknown as TransactionItem;
const cancelled = (...codes: string[]) =>
  Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('given a transaction built from named items', () => {
  const transaction = {
    order: item('order'),
    claim: undefined,
    lots: [item('lot-1'), item('lot-2')],
    event: item('event'),
  };

  it('when it is executed, then the items go in the order of the record, groups flattened and absent items left out', async () => {
    await executeNamed(transaction);
    expect(sent.items).toEqual([item('order'), item('lot-1'), item('lot-2'), item('event')]);
  });

  it('when DynamoDB cancels it, then each reason comes back under the name of its item', () => {
    expect(cancellationReasons(cancelled('None', 'None', 'ConditionalCheckFailed', 'TransactionConflict'), transaction)).toEqual({
      order: 'None',
      lots: ['None', 'ConditionalCheckFailed'],
      event: 'TransactionConflict',
    });
  });

  it('when the error is not a cancellation, then there are no reasons', () => {
    expect(cancellationReasons(new Error('timeout'), transaction)).toBeUndefined();
  });
});
