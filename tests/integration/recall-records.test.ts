import { beforeAll, describe, expect, it } from 'vitest';
import { newRecallAckId, newRecallId } from '../../shared/platform/domain/ids.js';
import { uniqueGtin } from '../support/fixtures.js';
import { deployedStack } from '../support/stack.js';

describe('given recall records in the emulated table', () => {
  deployedStack();
  let recalls: typeof import('../../shared/recalls/data/recall-repository.js');
  const gtin = uniqueGtin();
  const recall = (lots: string[]) => ({
    recallId: newRecallId(),
    recallClass: 'II' as const,
    reason: 'Label shows the wrong size',
    gtin,
    lots,
    status: 'OPEN' as const,
    createdAt: new Date().toISOString(),
    createdBy: 'user:test',
    changedBy: 'user:test',
  });

  beforeAll(async () => {
    recalls = await import('../../shared/recalls/data/recall-repository.js');
  });

  it('when two recalls of overlapping lots are written at the same time, then exactly one wins and the other names it, with nothing of it written', async () => {
    const first = recall(['A1', 'A2']);
    const second = recall(['A2', 'A3']);
    const results = await Promise.allSettled([recalls.createRecall(first), recalls.createRecall(second)]);
    const won = results.filter((result) => result.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const refused = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')!;
    expect(refused.reason).toBeInstanceOf(recalls.LotAlreadyRecalledError);
    const winner = results[0]!.status === 'fulfilled' ? first : second;
    const loser = winner === first ? second : first;
    expect((refused.reason as InstanceType<typeof recalls.LotAlreadyRecalledError>).claims).toEqual([{ lotNumber: 'A2', recallId: winner.recallId }]);
    expect(await recalls.findRecall(loser.recallId)).toBeUndefined();
    // The loser's other lot was not claimed: it can still be recalled.
    await expect(recalls.createRecall(recall([loser === first ? 'A1' : 'A3']))).resolves.toBeUndefined();
  });

  it('when a consignee is written twice (a retried step), then the first record and its link are kept', async () => {
    const { recallId } = recall([]);
    const consignee = {
      recallId,
      customerId: 'CUST-R1',
      legalName: 'Alpha Hospital',
      quantity: 3,
      quantityByLot: { A1: 3 },
      shipments: [{ lotNumber: 'A1', quantity: 3, shippedAt: '2026-11-01T10:00:00.000Z', orderId: 'ORD-1', shipmentId: 'SHP-1' }],
      letterStatus: 'PENDING' as const,
      changedBy: 'system:test',
    };
    const first = await recalls.putConsigneeOnce({ ...consignee, ackId: newRecallAckId() });
    const again = await recalls.putConsigneeOnce({ ...consignee, ackId: newRecallAckId() });
    expect(again.ackId).toBe(first.ackId);
    expect(await recalls.findAck(first.ackId)).toMatchObject({ recallId, customerId: 'CUST-R1' });
    expect(await recalls.consigneesOf(recallId)).toHaveLength(1);
  });

  it('when the same acknowledgement is posted twice at once, then exactly one is recorded', async () => {
    const { recallId } = recall([]);
    await recalls.putConsigneeOnce({
      recallId,
      customerId: 'CUST-R2',
      legalName: 'Beta Clinic',
      quantity: 2,
      quantityByLot: { A1: 2 },
      shipments: [],
      ackId: newRecallAckId(),
      letterStatus: 'SENT',
      changedBy: 'system:test',
    });
    const at = new Date().toISOString();
    const results = await Promise.all([
      recalls.recordAcknowledgement(recallId, 'CUST-R2', { at, contactName: 'A', quantityOnHand: 1 }),
      recalls.recordAcknowledgement(recallId, 'CUST-R2', { at, contactName: 'B', quantityOnHand: 2 }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await recalls.findConsignee(recallId, 'CUST-R2');
    expect(stored).toMatchObject({ changedBy: 'system:recall-ack-link', ackQuantityOnHand: results[0] ? 1 : 2 });
  });
});
