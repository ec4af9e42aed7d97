import {
  claimRevisionControlNumber,
  findEdiPurchaseOrder,
  findPoAcknowledgment,
  putPoAcknowledgment,
  type EdiPurchaseOrderRecord,
} from '../../data/edi-repository.js';
import { appendEvent, getOrder, type OrderRecord } from '../../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../../orders/domain/order-events.js';
import { utcDateOf } from '../../../platform/domain/calendar-date.js';
import { acknowledgePurchaseOrder, poAckSegments } from '../../domain/x12/ack855.js';
import { renderInterchange } from '../../domain/x12/render.js';
import { EdiLines, X12Party, type AckPurpose } from '../../schemas/edi.js';

export type AcknowledgeResult = { acknowledged: false; why: string } | { acknowledged: true; controlNumber: string; purpose: AckPurpose };

const ACTOR = 'system:edi-855';

/**
 * Tells an EDI buyer what became of its purchase order with an 855. The
 * first one goes out once validation and pricing have decided (accepted,
 * with changes, or rejected). An order accepted that way and rejected later
 * (credit, approval, stock) gets a second 855 that replaces the first
 * (BAK01 05, every line rejected, the reason in MSG), so the buyer never
 * waits for goods that will not come. Orders from other channels pass through.
 */
export async function acknowledgeOrderStep(orderId: string, rejection: string | undefined, now: Date = new Date()): Promise<AcknowledgeResult> {
  const order = await getOrder(orderId);
  if (order.channel !== 'edi') return { acknowledged: false, why: `channel ${order.channel} takes no 855` };
  const edi = await findEdiPurchaseOrder(order.customerId, order.customerPo);
  if (!edi || edi.orderId !== orderId) return { acknowledged: false, why: 'no EDI purchase order recorded for this order' };
  const original = await findPoAcknowledgment(edi.ackControlNumber);
  // No 855 yet, or a retried step whose 855 already says this: (again) the original; both writes are put-if-absent.
  if (!original || !rejection || original.status === 'REJECTED') {
    return send(order, edi, rejection, { purpose: 'ORIGINAL', controlNumber: edi.ackControlNumber }, now);
  }
  const controlNumber = await claimRevisionControlNumber(order.customerId, order.customerPo, ACTOR);
  return send(order, edi, rejection, { purpose: 'REPLACE', controlNumber, replaces: edi.ackControlNumber }, now);
}

async function send(
  order: OrderRecord,
  edi: EdiPurchaseOrderRecord,
  rejection: string | undefined,
  as: { purpose: AckPurpose; controlNumber: string; replaces?: string },
  now: Date,
): Promise<AcknowledgeResult> {
  const sent = EdiLines.parse(edi.lines);
  const lines = [...order.lines]
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((line) => ({ quantity: line.quantity, ...(line.unitPrice ? { unitPrice: line.unitPrice } : {}) }));
  const ack = acknowledgePurchaseOrder(sent, {
    purpose: as.purpose,
    orderId: order.orderId,
    customerPo: order.customerPo,
    poDate: edi.poDate,
    outcome: rejection ? 'REJECTED' : 'ACCEPTED',
    ...(rejection ? { reason: rejection } : {}),
    lines,
  });
  const x12 = renderInterchange(
    {
      from: X12Party.parse(edi.receiver),
      to: X12Party.parse(edi.sender),
      groupFrom: edi.groupReceiver,
      groupTo: edi.groupSender,
      functionalId: 'PR',
      version: edi.version,
      controlNumber: Number(as.controlNumber),
      at: now,
      usage: edi.usage,
    },
    '855',
    [poAckSegments(ack, utcDateOf(now))],
  );
  const emittedAt = now.toISOString();
  await putPoAcknowledgment({
    controlNumber: as.controlNumber,
    orderId: order.orderId,
    customerId: order.customerId,
    customerPo: order.customerPo,
    partnerId: edi.partnerId,
    status: ack.status,
    ...(as.replaces ? { replaces: as.replaces } : {}),
    ack,
    x12,
    submittedBy: edi.submittedBy,
    emittedAt,
    changedBy: ACTOR,
    changeReason: rejection ? `order rejected: ${rejection}` : 'order priced',
  });
  const revision = as.purpose === 'REPLACE';
  await appendEvent(
    order.orderId,
    order.status,
    {
      ...(revision ? ORDER_EVENTS.PO_ACKNOWLEDGMENT_REPLACED : ORDER_EVENTS.PO_ACKNOWLEDGED).of(),
      actor: ACTOR,
      detail: { controlNumber: as.controlNumber, status: ack.status, ...(as.replaces ? { replaces: as.replaces } : {}) },
    },
    emittedAt,
  );
  return { acknowledged: true, controlNumber: as.controlNumber, purpose: as.purpose };
}
