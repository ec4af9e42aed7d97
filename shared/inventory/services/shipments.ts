import { resumeTask } from '../../platform/aws/workflow.js';
import { findOrder } from '../../orders/data/order-repository.js';
import { confirmPickTask, latestPickTask, type PickTaskRecord } from '../data/pick-repository.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { pickedUnits, type PickedLot } from '../domain/pick-confirmation.js';
import { checkPick, type PickCheck } from '../domain/pick-verification.js';
import type { ShipmentAccepted, ShipmentRequest } from '../schemas/shipment.js';
import { orderLinks } from '../../orders/services/links.js';
import { pickRoundOf } from './request-pick.js';
import { shipmentIdOf } from './ship.js';

export type ShipmentConfirmation =
  | { result: 'CONFIRMED'; shipment: ShipmentAccepted }
  | { result: 'NOT_FOUND' }
  | { result: 'NOT_READY'; status: string }
  | { result: 'ALREADY_CONFIRMED'; confirmedBy: string; confirmedAt: string; shipmentId: string }
  | { result: 'PICK_CLOSED'; reason: string }
  | { result: 'REFUSED'; check: PickCheck };

const alreadyConfirmed = (task: PickTaskRecord): ShipmentConfirmation => ({
  result: 'ALREADY_CONFIRMED',
  confirmedBy: task.confirmedBy ?? '',
  confirmedAt: task.confirmedAt ?? '',
  shipmentId: task.shipmentId ?? '',
});

/** The same packer sending the same scans (in any order): a retry of that confirmation, not a new one. */
const sameConfirmation = (task: PickTaskRecord, request: ShipmentRequest, principal: string) =>
  task.confirmedBy === principal && JSON.stringify([...(task.scans ?? [])].sort()) === JSON.stringify([...request.scans].sort());

const confirmed = (orderId: string, task: PickTaskRecord & { confirmedBy: string; confirmedAt: string; shipmentId: string; picked: PickedLot[] }) => ({
  result: 'CONFIRMED' as const,
  shipment: {
    shipmentId: task.shipmentId,
    orderId,
    status: 'CONFIRMED' as const,
    confirmedBy: task.confirmedBy,
    confirmedAt: task.confirmedAt,
    picked: task.picked,
    links: { order: orderLinks(orderId).self ?? '' },
  },
});

export interface ShipmentDeps {
  findOrder: typeof findOrder;
  latestPickTask: typeof latestPickTask;
  confirmPickTask: typeof confirmPickTask;
  resumeTask: typeof resumeTask;
}

const defaultShipmentDeps: ShipmentDeps = { findOrder, latestPickTask, confirmPickTask, resumeTask };

/**
 * Scan-to-ship: the packer's scans must be exactly the order's current
 * allocation (every allocated unit once, nothing else). Anything refused or
 * missing is answered with the verdicts and nothing is written. A complete
 * scan is recorded once on the pick task (conditional on PENDING: of two
 * packers confirming at once, one wins) and the workflow is resumed, so the
 * Ship step ships exactly these units. A workflow that no longer waits (its
 * pick timed out in the same instant) is not an error: the timeout step finds
 * the task confirmed and ships it. The same packer's retry of the same scan
 * (its first answer was lost, or resuming the workflow failed after the
 * confirmation was recorded) resumes the workflow again and gets the first
 * answer; a token already used changes nothing.
 */
export async function confirmShipment(
  request: ShipmentRequest,
  principal: string,
  now: Date = new Date(),
  deps: ShipmentDeps = defaultShipmentDeps,
): Promise<ShipmentConfirmation> {
  const order = await deps.findOrder(request.orderId);
  if (!order) return { result: 'NOT_FOUND' };
  // Only the task of the order's current allocation counts: after a held lot took an allocation back, the
  // confirmed task of the previous round says nothing about the new one.
  const task = await deps.latestPickTask(request.orderId);
  const current = task?.round === pickRoundOf(order) ? task : undefined;
  if (current?.status === 'CONFIRMED') {
    if (!sameConfirmation(current, request, principal) || !current.confirmedAt || !current.shipmentId || !current.picked) return alreadyConfirmed(current);
    await deps.resumeTask(current.taskToken, { round: current.round, confirmedBy: principal, shipmentId: current.shipmentId });
    return confirmed(order.orderId, {
      ...current,
      confirmedBy: principal,
      confirmedAt: current.confirmedAt,
      shipmentId: current.shipmentId,
      picked: current.picked,
    });
  }
  if (order.status !== 'READY_TO_PICK' || !current) return { result: 'NOT_READY', status: order.status };
  if (current.status !== 'PENDING') return { result: 'PICK_CLOSED', reason: current.closedReason ?? current.status };

  const check = checkPick(current.lines, request.scans, utcDateOf(now));
  if (!check.complete || check.verdicts.some((verdict) => !verdict.accepted)) return { result: 'REFUSED', check };

  const picked: PickedLot[] = pickedUnits(check.verdicts);
  const shipmentId = shipmentIdOf(order.orderId);
  const confirmedAt = now.toISOString();
  const won = await deps.confirmPickTask(current, { confirmedBy: principal, confirmedAt, scans: [...request.scans], picked, shipmentId });
  if (!won) {
    const winner = await deps.latestPickTask(request.orderId);
    return winner?.status === 'CONFIRMED' ? alreadyConfirmed(winner) : { result: 'PICK_CLOSED', reason: winner?.closedReason ?? 'the pick task was closed' };
  }
  await deps.resumeTask(current.taskToken, { round: current.round, confirmedBy: principal, shipmentId });
  return confirmed(order.orderId, { ...current, confirmedBy: principal, confirmedAt, shipmentId, picked });
}
