import { findOrder } from '../../../orders/data/order-repository.js';
import { completeBatch, recordOrderResult, type Actor, type BatchRecord } from '../../data/batch-repository.js';
import type { OrderGroup } from '../../domain/batch/order-groups.js';
import type { BatchOrderResult } from '../../schemas/batch.js';
import { logger } from '../../../platform/observability.js';
import type { IntakeConflict } from '../../../orders/schemas/order.js';
import { placeOrder, type IntakeSettings } from '../../../orders/services/place-order.js';

/** Orders placed at once: enough to overlap the round trips, few enough to stay polite to the table and the workflow. */
export const PARALLEL_ORDERS = 4;

export const batchActor = (batch: Pick<BatchRecord, 'batchId'>, component: string): Actor => ({
  changedBy: component,
  changeReason: `batch upload ${batch.batchId}`,
});

/**
 * Places one order of the file through the shared intake service, and turns
 * every way it can end into a result: refused rows, a duplicate PO, or a
 * technical failure (which never stops the file's other orders).
 */
async function placeGroup(group: OrderGroup, batch: BatchRecord, intake: IntakeSettings): Promise<BatchOrderResult> {
  const base = { customerPo: group.customerPo, customerId: group.customerId, rows: group.rows };
  if (!group.request) return { ...base, outcome: 'REFUSED', errors: group.errors };
  try {
    // A batch recorded before partners had no partner id: intake refuses to place it for nobody.
    const result = await placeOrder(group.request, { channel: 'batch', principal: batch.submittedBy, partnerId: batch.partnerId }, intake);
    switch (result.outcome) {
      case 'CREATED':
        return { ...base, outcome: 'CREATED', orderId: result.orderId };
      case 'HELD_AS_POSSIBLE_DUPLICATE':
        // Stored, but its workflow waits for someone to merge, keep or cancel it.
        return {
          ...base,
          outcome: 'HELD',
          orderId: result.orderId,
          reason: `held as a possible duplicate of ${result.possibleDuplicate.orderId}; merge, keep or cancel it`,
        };
      case 'REFUSED':
        return { ...base, outcome: 'REFUSED', errors: result.conflicts.map((conflict) => rowErrorOfConflict(conflict, group.rows)) };
      case 'EXACT_DUPLICATE':
        return duplicateOrOwn(base, result.existingOrderId, batch);
    }
  } catch (error) {
    logger.error('batch order failed', { batchId: batch.batchId, customerPo: group.customerPo, error });
    const name = error instanceof Error ? error.name : 'Error';
    return { ...base, outcome: 'FAILED', reason: `technical failure (${name}); the order was not placed, send it again` };
  }
}

/** Intake conflicts name request fields (`lines.2.gtin`, `shipTo`); the report names the file's row and column. */
function rowErrorOfConflict(conflict: IntakeConflict, rows: readonly number[]) {
  const row = (conflict.lineNo ? rows[conflict.lineNo - 1] : undefined) ?? rows[0]!;
  const leaf = conflict.field.split('.').at(-1) ?? conflict.field;
  const field = leaf === 'shipTo' ? 'shipToName' : leaf === 'unitOfMeasure' ? '(row)' : leaf;
  const message = conflict.suggestion ? `${conflict.message}; ${conflict.suggestion.text}` : conflict.message;
  return { row, field, message };
}

/**
 * A PO claimed by this same batch on an earlier, interrupted run (same
 * submitter, created after the upload was received) is this batch's own
 * order, not a duplicate.
 */
async function duplicateOrOwn(base: Omit<BatchOrderResult, 'outcome'>, existingOrderId: string, batch: BatchRecord): Promise<BatchOrderResult> {
  const existing = await findOrder(existingOrderId);
  if (existing && existing.channel === 'batch' && existing.submittedBy === batch.submittedBy && existing.created >= batch.receivedAt) {
    return { ...base, outcome: 'CREATED', orderId: existingOrderId };
  }
  return { ...base, outcome: 'DUPLICATE', orderId: existingOrderId, reason: `customer PO ${base.customerPo} was already ordered as ${existingOrderId}` };
}

export interface RunResult {
  /** Position of the next order to place. */
  next: number;
  done: boolean;
  /** Another run recorded an order of this range first; it carries on, this one stops. */
  superseded?: boolean;
}

/**
 * Places up to `limit` orders of the file from where the batch's progress
 * stands, recording each result with the progress in one conditional write.
 * A run that finds its result already recorded stops: another run is ahead.
 */
export async function placeBatchOrders(
  batch: BatchRecord,
  groups: readonly OrderGroup[],
  intake: IntakeSettings,
  limit: number,
  actor: Actor,
  now: () => Date = () => new Date(),
): Promise<RunResult> {
  const start = batch.ordersProcessed;
  const end = Math.min(groups.length, start + limit);
  for (let position = start; position < end; position += PARALLEL_ORDERS) {
    const wave = groups.slice(position, Math.min(end, position + PARALLEL_ORDERS));
    const results = await Promise.all(wave.map((group) => placeGroup(group, batch, intake)));
    for (const [offset, result] of results.entries()) {
      if (!(await recordOrderResult(batch.batchId, position + offset, result, actor))) {
        logger.warn('batch progress moved on elsewhere; stopping this run', { batchId: batch.batchId, position: position + offset });
        return { next: position + offset, done: false, superseded: true };
      }
    }
  }
  if (end >= groups.length) {
    await completeBatch(batch.batchId, groups.length, now().toISOString(), actor);
    return { next: end, done: true };
  }
  return { next: end, done: false };
}
