import { startExecution } from '../../platform/aws/workflow.js';
import { findLotRegistry, findSerial } from '../../inventory/data/inventory-repository.js';
import { LotAlreadyRecalledError, createRecall as writeRecall } from '../data/recall-repository.js';
import { newRecallId } from '../../platform/domain/ids.js';
import type { CreateRecallRequest, RecallAccepted } from '../schemas/recall.js';

export const recallLinks = (recallId: string) => ({
  self: `/v1/recalls/${recallId}`,
  package: `/v1/recalls/${recallId}/package`,
});

export type CreateRecallOutcome =
  | { result: 'ACCEPTED'; accepted: RecallAccepted }
  | { result: 'UNKNOWN'; lots: string[]; serials: string[] }
  /** A lot or unit is already under an open recall (each claim names it and its recall); nothing was written. */
  | { result: 'ALREADY_RECALLED'; claims: { lotNumber?: string; serial?: string; recallId: string }[]; message: string };

/**
 * Writes the recall (with one claim per lot and per serial, so a lot or a
 * unit is under one recall at a time) and starts its workflow, named by the
 * recall id so it runs once. Lots and serials never received are refused
 * before anything is written.
 */
export async function createRecall(
  request: CreateRecallRequest,
  actor: string,
  stateMachineArn: string,
  now: Date = new Date(),
  deps: { startExecution: typeof startExecution } = { startExecution },
): Promise<CreateRecallOutcome> {
  const lots = request.lots ?? [];
  const serials = request.serials ?? [];
  const [registries, units] = await Promise.all([
    Promise.all(lots.map((lotNumber) => findLotRegistry(request.gtin, lotNumber))),
    Promise.all(serials.map((serial) => findSerial(request.gtin, serial))),
  ]);
  const unknownLots = lots.filter((_, index) => !registries[index]);
  const unknownSerials = serials.filter((_, index) => !units[index]);
  if (unknownLots.length > 0 || unknownSerials.length > 0) return { result: 'UNKNOWN', lots: unknownLots, serials: unknownSerials };
  const recallId = newRecallId(now);
  try {
    await writeRecall({
      recallId,
      recallClass: request.class,
      reason: request.reason,
      gtin: request.gtin,
      lots,
      ...(serials.length > 0 ? { serials: units.flatMap((unit) => (unit ? [{ serial: unit.serial, lotNumber: unit.lotNumber }] : [])) } : {}),
      status: 'OPEN',
      createdAt: now.toISOString(),
      createdBy: actor,
      changedBy: actor,
      changeReason: `Class ${request.class} recall: ${request.reason}`,
    });
  } catch (error) {
    if (error instanceof LotAlreadyRecalledError) return { result: 'ALREADY_RECALLED', claims: error.claims, message: error.message };
    throw error;
  }
  await deps.startExecution(stateMachineArn, recallId, { recallId });
  return { result: 'ACCEPTED', accepted: { recallId, status: 'OPEN', links: recallLinks(recallId) } };
}
