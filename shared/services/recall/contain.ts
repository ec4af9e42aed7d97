import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../../aws/sfn.js';
import { changeLotStatus, findLotRegistry, findStockLot, lotHistory } from '../../data/inventory-repository.js';
import { getRecall, updateRecall } from '../../data/recall-repository.js';
import { containmentOf } from '../../domain/recall.js';
import { closeOrder } from '../workflow/close.js';

const ACTOR = 'system:recall-contain';

export const recallReasonOf = (recall: { recallId: string; recallClass: string; reason: string }) =>
  `recall ${recall.recallId} (Class ${recall.recallClass}): ${recall.reason}`;

/** Order executions are named by the order id (see place-order). */
export const executionArnOf = (stateMachineArn: string, orderId: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;

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

async function stopOrder(orderStateMachineArn: string, orderId: string, reason: string, now: Date) {
  try {
    await sfnClient.send(new StopExecutionCommand({ executionArn: executionArnOf(orderStateMachineArn, orderId), error: 'Recalled', cause: reason }));
  } catch (error) {
    // An order without a running execution (already ended, or never started) only needs closing.
    if (!(error instanceof Error && error.name === 'ExecutionDoesNotExist')) throw error;
  }
  await closeOrder({ orderId, status: 'REJECTED', reason: `stopped by ${reason}` }, now);
}

/**
 * First thing a recall does: every released lot goes ON_HOLD (allocation and
 * shipment refuse held lots from that instant), then every order line still
 * holding units of the lots is stopped: its execution is stopped and the
 * order closed REJECTED with the recall as reason, its reservations released.
 * Holding first means no new reservation or shipment can slip in between.
 * Every part is safe to run again.
 */
export async function containRecall(recallId: string, orderStateMachineArn: string, now: Date = new Date()): Promise<{ shipped: boolean }> {
  const recall = await getRecall(recallId);
  const reason = recallReasonOf(recall);
  const at = now.toISOString();
  const heldLots = [];
  for (const lotNumber of recall.lots) heldLots.push(await holdLot(recallId, recall.gtin, lotNumber, reason, at));
  const histories = await Promise.all(recall.lots.map(async (lotNumber) => ({ lotNumber, history: await lotHistory(recall.gtin, lotNumber) })));
  const stoppedLines = histories.flatMap(({ lotNumber, history }) =>
    history.reservations.filter((r) => r.status === 'RESERVED').map(({ orderId, lineNo, quantity }) => ({ orderId, lineNo, lotNumber, quantity })),
  );
  for (const orderId of new Set(stoppedLines.map((line) => line.orderId))) await stopOrder(orderStateMachineArn, orderId, reason, now);
  await updateRecall(recallId, {
    status: 'CONTAINED',
    containedAt: new Date().toISOString(),
    heldLots,
    stoppedLines,
    changedBy: ACTOR,
    changeReason: `lots held and ${new Set(stoppedLines.map((line) => line.orderId)).size} open order(s) stopped for ${reason}`,
  });
  return { shipped: histories.some(({ history }) => history.shipments.length > 0) };
}
