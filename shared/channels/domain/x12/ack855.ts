import { equalAmounts } from '../../../platform/domain/money.js';
import type { EdiLine } from './order-mapping.js';
import type { AckPurpose, AckType, LineAckStatus, PoAckStatus } from '../../schemas/edi.js';

const BAK01: Record<AckPurpose, string> = { ORIGINAL: '00', REPLACE: '05' };

export interface OrderFate {
  /** Default ORIGINAL. */
  purpose?: AckPurpose;
  orderId: string;
  customerPo: string;
  poDate: string;
  outcome: 'ACCEPTED' | 'REJECTED';
  reason?: string;
  /** The canonical order's lines in the order the 850 sent them (lineNo 1 is the first PO1). */
  lines: { quantity: number; unitPrice?: string }[];
}

export interface LineAck {
  lineId: string;
  gtin: string;
  status: LineAckStatus;
  quantity: number;
  unitOfMeasure: string;
  unitPrice?: string;
  sentUnitPrice?: string;
  productIds: { qualifier: string; value: string }[];
}

export interface PoAcknowledgment {
  purpose: AckPurpose;
  type: AckType;
  status: PoAckStatus;
  orderId: string;
  customerPo: string;
  poDate: string;
  reason?: string;
  lines: LineAck[];
}

/**
 * Decides the 855's content from what the buyer sent and what became of the
 * order at intake, validation and pricing: a rejected order rejects every
 * line; otherwise each line is accepted, or accepted with the changed price
 * or quantity the order now has.
 */
export function acknowledgePurchaseOrder(sent: readonly EdiLine[], fate: OrderFate): PoAcknowledgment {
  const lines: LineAck[] = sent.map((line, index) => {
    const ordered = fate.lines[index];
    const base = {
      lineId: line.lineId,
      gtin: line.gtin,
      unitOfMeasure: line.unitOfMeasure,
      productIds: line.productIds,
      ...(line.unitPrice ? { sentUnitPrice: line.unitPrice } : {}),
    };
    if (fate.outcome === 'REJECTED' || !ordered)
      return { ...base, status: 'IR', quantity: line.quantity, ...(line.unitPrice ? { unitPrice: line.unitPrice } : {}) };
    const price = ordered.unitPrice ?? line.unitPrice;
    const status: LineAckStatus =
      ordered.quantity !== line.quantity ? 'IQ' : line.unitPrice && ordered.unitPrice && !equalAmounts(line.unitPrice, ordered.unitPrice) ? 'IP' : 'IA';
    return { ...base, status, quantity: ordered.quantity, ...(price ? { unitPrice: price } : {}) };
  });
  const changed = lines.some((line) => line.status !== 'IA');
  const header = {
    purpose: fate.purpose ?? 'ORIGINAL',
    orderId: fate.orderId,
    customerPo: fate.customerPo,
    poDate: fate.poDate,
    ...(fate.reason ? { reason: fate.reason } : {}),
    lines,
  };
  if (fate.outcome === 'REJECTED') return { type: 'RD', status: 'REJECTED', ...header };
  return changed ? { type: 'AC', status: 'ACCEPTED_WITH_CHANGES', ...header } : { type: 'AD', status: 'ACCEPTED', ...header };
}

const yyyymmdd = (date: string) => date.replaceAll('-', '');

/** The 855's segments between ST and SE: BAK, an MSG with the reason of a rejection, PO1 + ACK per line, CTT. */
export function poAckSegments(ack: PoAcknowledgment, acknowledgedOn: string): (string | number)[][] {
  const segments: (string | number)[][] = [
    ['BAK', BAK01[ack.purpose], ack.type, ack.customerPo, yyyymmdd(ack.poDate), '', '', '', ack.orderId, yyyymmdd(acknowledgedOn)],
  ];
  if (ack.reason) segments.push(['MSG', ack.reason.slice(0, 264)]);
  for (const line of ack.lines) {
    segments.push([
      'PO1',
      line.lineId,
      line.quantity,
      line.unitOfMeasure,
      line.unitPrice ?? '',
      '',
      ...line.productIds.slice(0, 10).flatMap((id) => [id.qualifier, id.value]),
    ]);
    segments.push(['ACK', line.status, line.quantity, line.unitOfMeasure]);
  }
  segments.push(['CTT', ack.lines.length]);
  return segments;
}
