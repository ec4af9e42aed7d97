import { z } from 'zod';

/** The source of every event the system publishes on its bus. */
export const EVENT_SOURCE = 'o2c.orders';

export interface DomainEvent {
  /** Stable per item (its table key): a consumer that sees it twice knows it is the same event. */
  eventId: string;
  detailType: 'PurchaseOrderAcknowledged' | 'AdvanceShipNoticeCreated' | 'RecallAcknowledged';
  detail: Record<string, unknown>;
}

const PoAcknowledgmentImage = z.object({
  _et: z.literal('PoAcknowledgment'),
  PK: z.string(),
  SK: z.string(),
  orderId: z.string(),
  customerId: z.string(),
  customerPo: z.string(),
  partnerId: z.string(),
  status: z.string(),
  replaces: z.string().optional(),
  ack: z.record(z.string(), z.unknown()),
  x12: z.string(),
  emittedAt: z.string(),
});

const AsnImage = z.object({
  _et: z.literal('AdvanceShipNotice'),
  PK: z.string(),
  SK: z.string(),
  orderId: z.string(),
  shipmentId: z.string(),
  emittedAt: z.string(),
  asn: z.looseObject({ order: z.looseObject({ customerId: z.string() }) }),
  x12: z.string(),
});

const AcknowledgedConsigneeImage = z.object({
  _et: z.literal('RecallConsignee'),
  PK: z.string(),
  SK: z.string(),
  recallId: z.string(),
  customerId: z.string(),
  acknowledgedAt: z.string(),
});

/**
 * A recall consignee's first acknowledgement (the link's POST records it; its
 * item is the outbox entry): the recall archiver, which alone holds the
 * signing key, signs the package again. Only ids and the time go out, never
 * the link's id, which is a bearer credential.
 */
function recallAcknowledgedOf(
  eventName: string | undefined,
  image: Record<string, unknown>,
  old: Record<string, unknown> | undefined,
): DomainEvent | undefined {
  if (eventName !== 'MODIFY' || image._et !== 'RecallConsignee' || !image.acknowledgedAt || old?.acknowledgedAt) return undefined;
  const item = AcknowledgedConsigneeImage.parse(image);
  const eventId = `${item.PK}|${item.SK}|${item.acknowledgedAt}`;
  return {
    eventId,
    detailType: 'RecallAcknowledged',
    detail: { eventId, recallId: item.recallId, customerId: item.customerId, acknowledgedAt: item.acknowledgedAt },
  };
}

const Publishable = z.discriminatedUnion('_et', [PoAcknowledgmentImage, AsnImage]);

/**
 * Which table changes are domain events: the first write (INSERT) of an
 * outbox item, the 855 and the advance ship notice, and a recall consignee's
 * first acknowledgement (its old image has none). Everything else in the
 * stream (orders, stock, audit material) is not published.
 */
export function domainEventOf(
  eventName: string | undefined,
  image: Record<string, unknown> | undefined,
  old?: Record<string, unknown>,
): DomainEvent | undefined {
  if (!image) return undefined;
  if (image._et === 'RecallConsignee') return recallAcknowledgedOf(eventName, image, old);
  if (eventName !== 'INSERT') return undefined;
  if (image._et !== 'PoAcknowledgment' && image._et !== 'AdvanceShipNotice') return undefined;
  const item = Publishable.parse(image);
  const eventId = `${item.PK}|${item.SK}`;
  if (item._et === 'PoAcknowledgment') {
    const controlNumber = item.PK.replace(/^EDI855#/, '');
    return {
      eventId,
      detailType: 'PurchaseOrderAcknowledged',
      detail: {
        eventId,
        orderId: item.orderId,
        customerId: item.customerId,
        customerPo: item.customerPo,
        partnerId: item.partnerId,
        controlNumber,
        status: item.status,
        ...(item.replaces ? { replaces: item.replaces } : {}),
        acknowledgment: item.ack,
        x12: item.x12,
        emittedAt: item.emittedAt,
      },
    };
  }
  return {
    eventId,
    detailType: 'AdvanceShipNoticeCreated',
    detail: {
      eventId,
      orderId: item.orderId,
      customerId: item.asn.order.customerId,
      shipmentId: item.shipmentId,
      asn: item.asn,
      x12: item.x12,
      emittedAt: item.emittedAt,
    },
  };
}
