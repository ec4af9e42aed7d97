import { executionArnOf, stopExecution } from '../../platform/aws/workflow.js';
import { changeLotStatus, findLotRegistry, findStockLot, lotHistory } from '../../inventory/data/inventory-repository.js';
import { getRecall, updateRecall, type RecallRecord } from '../data/recall-repository.js';
import { holdSerial, type SerialHoldOutcome } from '../../inventory/data/serial-hold-repository.js';
import { containmentOf } from '../domain/recall.js';
import { closeOrder } from '../../orders/services/close.js';
import { pendingApprovals, withdrawApproval } from '../../approvals/data/approval-repository.js';
import { approverRoles, type ApprovalPolicy } from '../../approvals/schemas/approval-policy.js';

const ACTOR = 'system:recall-contain';
/** Serials held at once (each a read and a small transaction). */
const SERIAL_CONCURRENCY = 10;

export interface ContainSettings {
  orderStateMachineArn: string;
  approvalPolicy: ApprovalPolicy;
}

export interface ContainDeps {
  stopExecution: typeof stopExecution;
}

type StoppedLine = NonNullable<RecallRecord['stoppedLines']>[number];

export const recallReasonOf = (recall: { recallId: string; recallClass: string; reason: string }) =>
  `recall ${recall.recallId} (Class ${recall.recallClass}): ${recall.reason}`;

async function holdLot(recallId: string, gtin: string, lotNumber: string, reason: string, at: string) {
  const registry = await findLotRegistry(gtin, lotNumber);
  if (!registry) throw new Error(`lot ${gtin}/${lotNumber} of ${recallId} has no registry entry`);
  // A quality decision racing the hold can change the status once; read again and decide again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const stock = await findStockLot(gtin, registry.expiry, lotNumber);
    const previousStatus = stock?.status ?? 'QUARANTINED';
    if (!stock || containmentOf(stock.status) !== 'HOLD') return { lotNumber, previousStatus, status: previousStatus };
    const held = await changeLotStatus({
      gtin,
      lotNumber,
      expiry: registry.expiry,
      from: 'RELEASED',
      to: 'ON_HOLD',
      event: { type: 'HOLD', eventId: `RECALL-${recallId}`, at, actor: ACTOR, notes: reason, reservedUnits: stock.reserved },
    });
    if (held) return { lotNumber, previousStatus, status: 'ON_HOLD' };
  }
  throw new Error(`lot ${gtin}/${lotNumber} kept changing status while ${recallId} tried to hold it`);
}

/** The approvals a stopped order was waiting for would stay pending until they expire: withdraw them, saying why. */
async function withdrawApprovals(orderId: string, reason: string, approverRoleNames: readonly string[]): Promise<void> {
  for (const role of approverRoleNames) {
    for (const approval of await pendingApprovals(role, orderId))
      await withdrawApproval(approval.approvalId, `order ${orderId} was stopped by ${reason}`, ACTOR);
  }
}

/** An order without a running execution (already ended, or never started) only needs closing. */
async function stopOrder(orderStateMachineArn: string, orderId: string, reason: string, approverRoleNames: readonly string[], now: Date, deps: ContainDeps) {
  await deps.stopExecution(executionArnOf(orderStateMachineArn, orderId), 'Recalled', reason);
  await closeOrder({ orderId, status: 'REJECTED', reason: `stopped by ${reason}` }, now);
  await withdrawApprovals(orderId, reason, approverRoleNames);
}

/** Holds the recalled serials, a few at a time; each is its own small transaction. */
async function holdSerials(recall: RecallRecord, reason: string): Promise<SerialHoldOutcome[]> {
  const serials = recall.serials ?? [];
  const held: SerialHoldOutcome[] = [];
  for (let start = 0; start < serials.length; start += SERIAL_CONCURRENCY) {
    held.push(
      ...(await Promise.all(serials.slice(start, start + SERIAL_CONCURRENCY).map(({ serial }) => holdSerial(recall.gtin, serial, recall.recallId, reason)))),
    );
  }
  return held;
}

/** Order lines holding recalled serials: one stopped line per order line and lot, with its serials. */
function linesHoldingSerials(held: readonly SerialHoldOutcome[]): StoppedLine[] {
  const lines = new Map<string, StoppedLine>();
  for (const { record } of held) {
    if (record.status !== 'RESERVED' || !record.orderId || record.lineNo === undefined) continue;
    const key = `${record.orderId}#${record.lineNo}#${record.lotNumber}`;
    const line = lines.get(key) ?? { orderId: record.orderId, lineNo: record.lineNo, lotNumber: record.lotNumber, quantity: 0, serials: [] };
    line.quantity += 1;
    line.serials = [...(line.serials ?? []), record.serial].sort();
    lines.set(key, line);
  }
  return [...lines.values()];
}

/**
 * First thing a recall does: every released lot goes ON_HOLD and every
 * recalled serial is marked held (allocation and shipment refuse both from
 * that instant; the rest of a serial's lot stays available), then every order
 * line still holding units of the lots or the serials is stopped: its
 * execution is stopped and the order closed REJECTED with the recall as
 * reason, its reservations released and its pending approvals withdrawn. A stopped order puts its serials back in
 * stock, so the serials are held once more after the stops. Holding first
 * means no new reservation or shipment can slip in between. Every part is
 * safe to run again.
 */
export async function containRecall(
  recallId: string,
  settings: ContainSettings,
  now: Date = new Date(),
  deps: ContainDeps = { stopExecution },
): Promise<{ shipped: boolean }> {
  const recall = await getRecall(recallId);
  const reason = recallReasonOf(recall);
  const at = now.toISOString();
  const heldLots = [];
  for (const lotNumber of recall.lots) heldLots.push(await holdLot(recallId, recall.gtin, lotNumber, reason, at));
  const heldSerials = await holdSerials(recall, reason);
  const histories = await Promise.all(recall.lots.map(async (lotNumber) => ({ lotNumber, history: await lotHistory(recall.gtin, lotNumber) })));
  const stoppedLines: StoppedLine[] = [
    ...histories.flatMap(({ lotNumber, history }) =>
      history.reservations.filter((r) => r.status === 'RESERVED').map(({ orderId, lineNo, quantity }) => ({ orderId, lineNo, lotNumber, quantity })),
    ),
    ...linesHoldingSerials(heldSerials),
  ];
  const stoppedOrders = new Set(stoppedLines.map((line) => line.orderId));
  const roles = approverRoles(settings.approvalPolicy);
  for (const orderId of stoppedOrders) await stopOrder(settings.orderStateMachineArn, orderId, reason, roles, now, deps);
  // The stopped orders gave their serials back to stock: take them off again.
  const afterStops = stoppedOrders.size > 0 ? await holdSerials(recall, reason) : heldSerials;
  await updateRecall(recallId, {
    status: 'CONTAINED',
    containedAt: new Date().toISOString(),
    heldLots,
    heldSerials: heldSerials.map(({ serial, lotNumber, previousStatus }, index) => ({
      serial,
      lotNumber,
      previousStatus,
      status: afterStops[index]?.status ?? 'ON_HOLD',
    })),
    stoppedLines,
    changedBy: ACTOR,
    changeReason: `lots and serials held and ${stoppedOrders.size} open order(s) stopped for ${reason}`,
  });
  return { shipped: histories.some(({ history }) => history.shipments.length > 0) || heldSerials.some(({ record }) => record.status === 'SHIPPED') };
}
