import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../../aws/sfn.js';
import { findLotRegistry } from '../../data/inventory-repository.js';
import { createRecall as writeRecall } from '../../data/recall-repository.js';
import { newRecallId } from '../../domain/ids.js';
import type { CreateRecallRequest, RecallAccepted } from '../../schemas/recall.js';

export const recallLinks = (recallId: string) => ({
  self: `/v1/recalls/${recallId}`,
  package: `/v1/recalls/${recallId}/package`,
});

export type CreateRecallOutcome = { result: 'ACCEPTED'; accepted: RecallAccepted } | { result: 'UNKNOWN_LOTS'; lots: string[] };

/**
 * Writes the recall (with one claim per lot, so a lot is under one recall at
 * a time) and starts its workflow, named by the recall id so it runs once.
 * Lots never received are refused before anything is written.
 */
export async function createRecall(request: CreateRecallRequest, actor: string, stateMachineArn: string, now: Date = new Date()): Promise<CreateRecallOutcome> {
  const registries = await Promise.all(request.lots.map((lotNumber) => findLotRegistry(request.gtin, lotNumber)));
  const unknown = request.lots.filter((_, index) => !registries[index]);
  if (unknown.length > 0) return { result: 'UNKNOWN_LOTS', lots: unknown };
  const recallId = newRecallId(now);
  await writeRecall({
    recallId,
    recallClass: request.class,
    reason: request.reason,
    gtin: request.gtin,
    lots: request.lots,
    status: 'OPEN',
    createdAt: now.toISOString(),
    createdBy: actor,
    changedBy: actor,
    changeReason: `Class ${request.class} recall: ${request.reason}`,
  });
  await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name: recallId, input: JSON.stringify({ recallId }) }));
  return { result: 'ACCEPTED', accepted: { recallId, status: 'OPEN', links: recallLinks(recallId) } };
}
