import { findEdiPurchaseOrder, putPoAcknowledgment } from '../../data/edi-repository.js';
import { appendEvent, getOrder } from '../../data/order-repository.js';
import { utcDateOf } from '../../domain/calendar-date.js';
import { acknowledgePurchaseOrder, poAckSegments } from '../../domain/x12/ack855.js';
import { renderInterchange } from '../../domain/x12/render.js';
import { EdiLines, X12Party } from '../../schemas/edi.js';

export type AcknowledgeResult = { acknowledged: false; why: string } | { acknowledged: true; controlNumber: string };

const ACTOR = 'system:edi-855';

/**
 * Once validation and pricing have decided an EDI order's fate, builds the
 * 855 from what the buyer sent and what the order now is, and stores it
 * once (the stream publishes it). Orders from other channels pass through.
 */
export async function acknowledgeOrderStep(orderId: string, rejection: string | undefined, now: Date = new Date()): Promise<AcknowledgeResult> {
  const order = await getOrder(orderId);
  if (order.channel !== 'edi') return { acknowledged: false, why: `channel ${order.channel} takes no 855` };
  const edi = await findEdiPurchaseOrder(order.customerId, order.customerPo);
  if (!edi || edi.orderId !== orderId) return { acknowledged: false, why: 'no EDI purchase order recorded for this order' };
  const sent = EdiLines.parse(edi.lines);
  const lines = [...order.lines].sort((a, b) => a.lineNo - b.lineNo).map((line) => ({ quantity: line.quantity, ...(line.unitPrice ? { unitPrice: line.unitPrice } : {}) }));
  const ack = acknowledgePurchaseOrder(sent, {
    orderId,
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
      controlNumber: Number(edi.ackControlNumber),
      at: now,
      usage: edi.usage,
    },
    '855',
    [poAckSegments(ack, utcDateOf(now))],
  );
  const emittedAt = now.toISOString();
  await putPoAcknowledgment({
    controlNumber: edi.ackControlNumber,
    orderId,
    customerId: order.customerId,
    customerPo: order.customerPo,
    partnerId: edi.partnerId,
    status: ack.status,
    ack,
    x12,
    submittedBy: edi.submittedBy,
    emittedAt,
    changedBy: ACTOR,
    changeReason: rejection ? `order rejected: ${rejection}` : 'order priced',
  });
  await appendEvent(
    orderId,
    order.status,
    { eventId: '02-EDI-855', type: 'PO_ACKNOWLEDGED', actor: ACTOR, detail: { controlNumber: edi.ackControlNumber, status: ack.status } },
    emittedAt,
  );
  return { acknowledged: true, controlNumber: edi.ackControlNumber };
}
